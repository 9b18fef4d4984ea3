using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace BenchCluster.Remote.Tests;

/// <summary>
/// A keep-alive HTTP/1.1 server that closes connections idle for <see cref="ClosesAfter"/> without reading their next
/// request, as cpp-httplib (llama-server, 5 s) and uvicorn (vLLM, SGLang, 5 s) do, and like uvicorn announces no
/// Keep-Alive timeout, so the client cannot know. On a real server a request sent as the close happens is lost unread
/// and the client sees its connection reset; here every request that reaches a connection idle that long is lost, so
/// the race that hits one request in many becomes certain for every reuse of a stale connection.
/// </summary>
internal sealed class IdleClosingServer : LoopbackConnectionServer
{
    private const string Stream = "data: {\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n";

    private int _answered;
    private int _dropped;

    public IdleClosingServer(TimeSpan closesAfter)
    {
        ClosesAfter = closesAfter;
        Start();
    }

    /// <summary>How long a connection waits for its next request before the server closes it.</summary>
    public TimeSpan ClosesAfter { get; }

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Requests that arrived on a connection the server had closed for idleness: lost, unanswered.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    protected override async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        var stream = client.GetStream();
        Stopwatch? idle = null;
        while (!stopping.IsCancellationRequested)
        {
            await ReceivedRequest.ReadAsync(stream, stopping);
            if (idle is not null && idle.Elapsed >= ClosesAfter)
            {
                Interlocked.Increment(ref _dropped);
                client.LingerState = new LingerOption(true, 0); // closed with a reset, as a close with unread data is
                return;
            }
            var body = Encoding.UTF8.GetBytes(Stream);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: {body.Length}\r\n\r\n"), stopping);
            await stream.WriteAsync(body, stopping);
            await stream.FlushAsync(stopping);
            Interlocked.Increment(ref _answered);
            idle = Stopwatch.StartNew();
        }
    }
}
