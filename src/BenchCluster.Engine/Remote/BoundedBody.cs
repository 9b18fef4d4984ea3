namespace BenchCluster.Engine.Remote;

/// <summary>Reads at most a given number of bytes of a response body, so a server cannot make the client buffer without end.</summary>
internal static class BoundedBody
{
    /// <summary>Up to <paramref name="limit"/> bytes, and whether that was the whole body.</summary>
    public static async Task<(byte[] Bytes, bool Complete)> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Grown as bytes arrive rather than allocated at the limit: most such bodies are a short error page.
        var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(limit + 1, 16 * 1024)];
        while (buffer.Length <= limit)
        {
            var wanted = (int)Math.Min(chunk.Length, limit + 1 - buffer.Length);
            var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return (buffer.ToArray(), true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray()[..limit], false);
    }
}
