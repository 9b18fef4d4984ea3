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
internal sealed class StreamClosingServer : LoopbackConnectionServer
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "data: {\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n");

    private int _answered;
    private int _dropped;

    public StreamClosingServer(bool closesAfterStream)
    {
        ClosesAfterStream = closesAfterStream;
        Start();
    }

    public bool ClosesAfterStream { get; }

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Requests that came on a connection the server had given up after a stream: lost, unanswered.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    protected override async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        var stream = client.GetStream();
        var streamed = false;
        while (!stopping.IsCancellationRequested)
        {
            await ReceivedRequest.ReadAsync(stream, stopping);
            if (streamed && ClosesAfterStream)
            {
                Interlocked.Increment(ref _dropped);
                client.LingerState = new LingerOption(true, 0); // closed with a reset, as a close with unread data is
                return;
            }
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nKeep-Alive: timeout=5, max=100\r\nTransfer-Encoding: chunked\r\n\r\n"
                + $"{Body.Length:x}\r\n"), stopping);
            await stream.WriteAsync(Body, stopping);
            await stream.WriteAsync("\r\n0\r\n\r\n"u8.ToArray(), stopping);
            await stream.FlushAsync(stopping);
            Interlocked.Increment(ref _answered);
            streamed = true;
        }
    }
}
