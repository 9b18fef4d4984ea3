using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>
/// An OpenAI-style server on a loopback port that tries to get the client's key stored: it echoes the Authorization
/// header into error bodies (every third request, padded so a length cut falls inside the key) and into the streamed
/// text of the others. Counts connections and keeps each request's Authorization header.
/// </summary>
internal sealed class HostileEndpoint : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>The client keeps this many characters of a server's error message (HttpErrorTranslator).</summary>
    private const int ServerMessageCut = 500;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _exchanges = [];
    private readonly Task _acceptLoop;
    private int _connections;
    private int _requests;

    public HostileEndpoint()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1";

    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    public int ErrorsSent { get; private set; }

    public int StreamsSent { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _exchanges.Add(Task.Run(() => ServeAsync(client)));
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
            try
            {
                var stream = client.GetStream();
                var headers = await ReadHeadersAsync(stream);
                var authorization = headers.Split("\r\n").FirstOrDefault(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?[14..].Trim() ?? "";
                AuthorizationHeaders.Enqueue(authorization);
                var number = Interlocked.Increment(ref _requests);
                await (number % 3 == 0 ? SendErrorAsync(stream, authorization) : SendStreamAsync(stream, authorization));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // the client went away
            }
        }
    }

    private static async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < MaxHeaderBytes && await stream.ReadAsync(one) == 1)
        {
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r')
                break;
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    private async Task SendErrorAsync(NetworkStream stream, string authorization)
    {
        // Every other error is padded so the client's 500-character cut of a message falls in the middle of the key.
        const string Lead = "Incorrect API key provided: ";
        var padding = ErrorsSent++ % 2 == 0 ? "" : new string('x', ServerMessageCut - Lead.Length - authorization.Length / 2);
        var body = JsonSerializer.Serialize(new { error = new { message = $"{padding}{Lead}{authorization}" } });
        await WriteAsync(stream, $"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{body}");
    }

    private async Task SendStreamAsync(NetworkStream stream, string authorization)
    {
        StreamsSent++;
        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
        foreach (var text in new[] { $"your header was {authorization} ", "and ", "now ", "it is ", "yours" })
            await WriteAsync(stream, $"data: {JsonSerializer.Serialize(new { choices = new[] { new { index = 0, text } } })}\n\n");
        await WriteAsync(stream, "data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":5}}\n\n");
        await WriteAsync(stream, "data: [DONE]\n\n");
    }

    private static async Task WriteAsync(NetworkStream stream, string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_exchanges);
        _stop.Dispose();
    }
}
