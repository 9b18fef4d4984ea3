namespace BenchCluster.Remote;

/// <summary>Reads at most a given number of bytes of a response body, so a server cannot make the client buffer without end.</summary>
internal static class BoundedBody
{
    private const int FirstBufferBytes = 16 * 1024;

    /// <summary>Up to <paramref name="limit"/> bytes, and whether that was the whole body.</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, bool Complete)> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Grown as bytes arrive rather than allocated at the limit: most such bodies are a short error page. One byte
        // past the limit tells a body that ends there from one that goes on.
        var capacity = limit + 1;
        var buffer = new byte[Math.Min(capacity, FirstBufferBytes)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length == capacity)
                    return (buffer.AsMemory(0, limit), false);
                Array.Resize(ref buffer, (int)Math.Min(capacity, 2L * buffer.Length));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return (buffer.AsMemory(0, length), true);
            length += read;
        }
    }
}
