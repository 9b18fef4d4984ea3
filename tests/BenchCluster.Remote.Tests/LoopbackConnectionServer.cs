using System.Net;
using System.Net.Sockets;

namespace BenchCluster.Remote.Tests;

/// <summary>
/// A loopback TCP server that hands each accepted connection to <see cref="ServeAsync"/> and, when disposed, stops
/// accepting and waits for every connection to end: the frame of the servers that play a real server's connection handling.
/// </summary>
internal abstract class LoopbackConnectionServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private Task? _accepting;
    private int _accepted;

    /// <summary>Call once the subclass is ready to serve.</summary>
    protected void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1");

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _accepted);

    /// <summary>Serves one connection until the client closes it, the server gives it up, or <paramref name="stopping"/> fires.</summary>
    protected abstract Task ServeAsync(TcpClient client, CancellationToken stopping);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_connections)
                    _connections.Add(ServeOneAsync(client));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ServeOneAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeAsync(client, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client closed the connection, or the server is stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_accepting is not null)
            await _accepting;
        Task[] connections;
        lock (_connections)
            connections = [.. _connections];
        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
