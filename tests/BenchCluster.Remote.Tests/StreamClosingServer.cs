using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BenchCluster.Remote.Tests;

/// <summary>
/// A keep-alive HTTP/1.1 server that streams each answer in chunks with "Keep-Alive: timeout=5, max=100", as
/// llama-server does, and (when <see cref="ClosesAfterStream"/>) then gives up the connection as llama-server does
/// after every streamed response, without announcing it. On the real server the close reaches the client a moment
/// after the stream's end and a request sent in that moment is lost; here the connection stays open but a request
/// that comes on it is lost unanswered, so the race that hits one request in a few hundred hits every reuse.
/// </summary>
internal sealed class StreamClosingServer : IAsyncDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "data: {\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _connections = [];
    private int _accepted;
    private int _answered;
    private int _dropped;

    public StreamClosingServer(bool closesAfterStream)
    {
        ClosesAfterStream = closesAfterStream;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public bool ClosesAfterStream { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1");

    public int Connections => Volatile.Read(ref _accepted);

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Requests that came on a connection the server had given up after a stream: lost, unanswered.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_connections)
                    _connections.Add(ServeAsync(client));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var streamed = false;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await ReceivedRequest.ReadAsync(stream, _stop.Token);
                    if (streamed && ClosesAfterStream)
                    {
                        Interlocked.Increment(ref _dropped);
                        client.LingerState = new LingerOption(true, 0); // closed with a reset, as a close with unread data is
                        return;
                    }
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nKeep-Alive: timeout=5, max=100\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + $"{Body.Length:x}\r\n"), _stop.Token);
                    await stream.WriteAsync(Body, _stop.Token);
                    await stream.WriteAsync("\r\n0\r\n\r\n"u8.ToArray(), _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    Interlocked.Increment(ref _answered);
                    streamed = true;
                }
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
        await _accepting;
        Task[] connections;
        lock (_connections)
            connections = [.. _connections];
        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
