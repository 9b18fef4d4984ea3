using System.Net;
using System.Net.Sockets;

namespace BenchCluster.Remote.Tests;

/// <summary>A TCP listener on a loopback port that only counts the connections it receives: proof that nothing was sent.</summary>
internal sealed class ConnectionCountingListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _connections;

    public ConnectionCountingListener()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Connections received so far, after giving a connection already under way time to be accepted.</summary>
    public async Task<int> SettledConnectionsAsync()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        return Connections;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
