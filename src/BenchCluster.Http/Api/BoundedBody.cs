using Microsoft.AspNetCore.Http;

namespace BenchCluster.Http.Api;

/// <summary>Reads a request body up to a limit, refusing by the declared length first and stopping as soon as the limit is passed.</summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }

    public static IResult TooLarge(int maxBytes, string fix) => ApiErrors.Result(StatusCodes.Status413PayloadTooLarge,
        new ApiError($"the request body is above the limit of {maxBytes:N0} bytes", "body", fix));
}
