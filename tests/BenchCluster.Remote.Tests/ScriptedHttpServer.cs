using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BenchCluster.Remote.Tests;

/// <summary>
/// A raw HTTP/1.1 endpoint on 127.0.0.1 that answers every request with a script, byte for byte:
/// it can send any status, garbage, a truncated body, or stall, which a well-behaved server never does.
/// Responses are close-delimited (no Content-Length, Connection: close).
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ScriptedExchange, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentBag<Task> _exchanges = [];

    public ScriptedHttpServer(Func<ScriptedExchange, Task> script)
    {
        _script = script;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1");

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Exceptions the script threw (a failed server-side assertion shows up here).</summary>
    public ConcurrentQueue<Exception> ScriptFailures { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _exchanges.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            try
            {
                var request = await ReceivedRequest.ReadAsync(stream, _stop.Token);
                Requests.Enqueue(request);
                await _script(new ScriptedExchange(request, stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client went away or the server is stopping.
            }
            catch (Exception e)
            {
                ScriptFailures.Enqueue(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_exchanges);
        _stop.Dispose();
    }
}

/// <summary>One request as the scripted server read it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static async Task<ReceivedRequest> ReadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
                throw new IOException("client closed before sending headers");
            buffer.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new ReceivedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}

/// <summary>What a script can do with one exchange.</summary>
internal sealed class ScriptedExchange(ReceivedRequest request, NetworkStream stream, CancellationToken stopping)
{
    public ReceivedRequest Request { get; } = request;

    public CancellationToken Stopping { get; } = stopping;

    public async Task WriteAsync(string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), Stopping);
        await stream.FlushAsync(Stopping);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes, Stopping);
        await stream.FlushAsync(Stopping);
    }

    /// <summary>Writes <paramref name="block"/> again and again until the client goes away (the write fails) or the server stops.</summary>
    public async Task RepeatUntilClosedAsync(ReadOnlyMemory<byte> block)
    {
        while (!Stopping.IsCancellationRequested)
            await WriteAsync(block);
    }

    public Task SendStatusAsync(int status, string reason, string contentType, string body, string extraHeaders = "") =>
        WriteAsync($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\n{extraHeaders}Connection: close\r\n\r\n{body}");

    public Task StartEventStreamAsync() =>
        WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n");

    public Task SendEventAsync(string data) => WriteAsync($"data: {data}\n\n");

    public Task SendTextEventAsync(string text, string? finishReason = null) =>
        SendEventAsync($"{{\"choices\":[{{\"index\":0,\"text\":\"{text}\",\"finish_reason\":{(finishReason is null ? "null" : $"\"{finishReason}\"")}}}]}}");

    public Task SendUsageAsync(int prompt, int completion) =>
        SendEventAsync($"{{\"choices\":[],\"usage\":{{\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"total_tokens\":{prompt + completion}}}}}");

    public Task SendDoneAsync() => WriteAsync("data: [DONE]\n\n");

    /// <summary>Completes when the client closes or resets the connection (reads return 0 or fail).</summary>
    public async Task WaitForClientToCloseAsync()
    {
        var sink = new byte[256];
        try
        {
            while (await stream.ReadAsync(sink, Stopping) > 0)
            {
                // The client sends nothing more; anything read is ignored until it closes.
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }
}
