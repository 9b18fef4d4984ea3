using Microsoft.AspNetCore.Connections;
using Orleans.Connections.Security;

namespace BenchCluster.Hosting.Client;

/// <summary>
/// What went wrong on a client's connections to the gateway while it connects. Orleans' client retries a refused
/// gateway forever (its manifest fetch has no deadline), so the factory gives up after a few refusals and reports
/// the last one instead of hanging.
/// </summary>
public sealed class GatewayRefusals
{
    /// <summary>Refusals in a row that end a connect attempt: one is a fluke, several are a verdict.</summary>
    public const int Limit = 3;

    private readonly TaskCompletionSource<string> _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private int _count;
    private string? _reason;

    /// <summary>Completes with the last reason once <see cref="Limit"/> connections were refused.</summary>
    public Task<string> Refused => _refused.Task;

    /// <summary>Records why this client refused the gateway's certificate (called from the TLS validation).</summary>
    public void RecordRejectedServer(string reason)
    {
        lock (_gate)
            _reason = reason;
    }

    /// <summary>Connection middleware around the TLS one: a connection that ends during connect counts as a refusal.</summary>
    public ConnectionDelegate Observe(ConnectionDelegate next) => async context =>
    {
        try
        {
            await next(context);
        }
        finally
        {
            var handshakeDone = context.Features.Get<ITlsConnectionFeature>()?.RemoteCertificate is not null;
            Count(handshakeDone
                ? $"the gateway at {context.RemoteEndPoint} closed the connection after the TLS handshake: it did not accept this client's certificate"
                : $"the TLS handshake with the gateway at {context.RemoteEndPoint} failed");
        }
    };

    private void Count(string fallback)
    {
        string reason;
        lock (_gate)
        {
            reason = _reason ?? fallback;
            _reason = null;
            if (++_count < Limit)
                return;
        }
        _refused.TrySetResult(reason);
    }
}
