using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BenchCluster.Remote.Tests;

/// <summary>
/// A server that keeps a connection alive after a stream and then closes it when the next request arrives, unanswered
/// (what llama-server does): the request goes again on a fresh connection instead of failing.
/// </summary>
public sealed class StaleConnectionTests
{
    private const string Stream = "data: {\"choices\":[{\"index\":0,\"text\":\"a\",\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n";

    [Fact]
    public async Task A_request_on_a_kept_alive_connection_the_server_closed_is_sent_again_on_a_fresh_one()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var requestsPerConnection = new List<int>();
        var server = Task.Run(async () =>
        {
            // First connection: answer one request keeping the connection alive, then drop the second one unanswered.
            using (var first = await listener.AcceptTcpClientAsync())
            {
                var stream = first.GetStream();
                await ReceivedRequest.ReadAsync(stream, CancellationToken.None);
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + $"{Encoding.UTF8.GetByteCount(Stream):x}\r\n{Stream}\r\n0\r\n\r\n");
                await ReceivedRequest.ReadAsync(stream, CancellationToken.None);
                lock (requestsPerConnection)
                    requestsPerConnection.Add(2);
            }
            // Second connection: answer normally.
            using var second = await listener.AcceptTcpClientAsync();
            var secondStream = second.GetStream();
            await ReceivedRequest.ReadAsync(secondStream, CancellationToken.None);
            lock (requestsPerConnection)
                requestsPerConnection.Add(1);
            await WriteAsync(secondStream, $"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n{Stream}");
        });
        await using var backend = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1"),
            Model = "test-model",
        });

        var first = await RemoteTestSupport.CollectAsync(backend, RemoteTestSupport.Request());
        var second = await RemoteTestSupport.CollectAsync(backend, RemoteTestSupport.Request());
        await server.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("length", first[^1].FinishReason);
        Assert.Equal("length", second[^1].FinishReason);
        Assert.Equal([2, 1], requestsPerConnection);
    }

    private static async Task WriteAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }
}
