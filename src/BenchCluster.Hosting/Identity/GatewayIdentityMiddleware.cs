using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Connections.Security;

namespace BenchCluster.Hosting.Identity;

/// <summary>
/// Runs on each gateway connection after the TLS handshake: binds the client id the client announces on that
/// connection to the name in the certificate TLS verified, for as long as the connection lives.
/// </summary>
public static class GatewayIdentityMiddleware
{
    public static void UseGatewayIdentity(this IConnectionBuilder builder)
    {
        var clients = builder.ApplicationServices.GetRequiredService<ConnectedClients>();
        var decoder = new PreambleDecoder(builder.ApplicationServices);
        var logger = builder.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayIdentityMiddleware).FullName!);
        builder.Use(next => async context =>
        {
            var name = context.Features.Get<ITlsConnectionFeature>()?.RemoteCertificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            if (name is null)
            {
                await next(context);
                return;
            }
            GrainId? client = null;
            var original = context.Transport;
            var reader = new PreambleObservingReader(original.Input, payload =>
            {
                client = decoder.ClientOf(payload);
                if (client is { } id)
                    clients.Add(id, name);
                else
                    logger.LogWarning("gateway connection from {Remote} ({Name}) sent no client preamble", context.RemoteEndPoint, name);
            });
            context.Transport = new DuplexPipe(reader, original.Output);
            try
            {
                await next(context);
            }
            finally
            {
                context.Transport = original;
                if (client is { } id)
                    clients.Remove(id);
            }
        });
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
