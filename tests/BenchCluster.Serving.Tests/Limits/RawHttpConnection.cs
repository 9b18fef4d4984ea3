using System.Net.Sockets;
using System.Text;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>
/// A bare TCP connection to the server, for requests no HTTP client sends: a head that declares a 10 GB body, or a
/// chunked body that never ends. The answer is read until the server closes the connection.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private NetworkStream? _stream;

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var connection = new RawHttpConnection();
        await connection._client.ConnectAsync(server.Host, server.Port);
        connection._stream = connection._client.GetStream();
        return connection;
    }

    /// <summary>Body bytes written so far (chunk framing not counted).</summary>
    public long BodyBytesSent { get; private set; }

    private NetworkStream Stream => _stream ?? throw new InvalidOperationException("not open");

    public Task SendHeadAsync(string path, params string[] headers) =>
        SendAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n"));

    public async Task SendChunkAsync(ReadOnlyMemory<byte> data)
    {
        await SendAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"));
        await SendAsync(data);
        await SendAsync("\r\n"u8.ToArray());
        BodyBytesSent += data.Length;
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await Stream.WriteAsync(bytes);
        await Stream.FlushAsync();
    }

    /// <summary>The status code and the body of the answer, read until the server closes the connection.</summary>
    public async Task<(int Status, string Head, string Body)> ReadAnswerAsync(CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await Stream.ReadAsync(buffer, cancellationToken)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (the server closed with request bytes unread) ends it too.
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
            throw new InvalidOperationException($"no complete HTTP answer: \"{text}\"");
        var head = text[..split];
        return (int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), head, text[(split + 4)..]);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
