using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BenchCluster.Engine.Completions;

namespace BenchCluster.Remote;

/// <summary>Turns HTTP failures into <see cref="CompletionException"/>s that say what the server answered and what to change.</summary>
internal static class HttpErrorTranslator
{
    /// <summary>Most characters of a server's error text kept in a message.</summary>
    public const int MaxServerMessageChars = 500;

    private const int MaxErrorBodyBytes = 16 * 1024;

    public static async Task<CompletionException> FromStatusAsync(
        HttpResponseMessage response, RemoteEndpoint endpoint, string url, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var serverMessage = await ReadServerMessageAsync(response, endpoint.Key, cancellationToken).ConfigureAwait(false);
        var head = $"POST {url} returned {status} {response.ReasonPhrase}: {serverMessage}";
        if (status >= 500)
            return new CompletionException($"{head}. The server failed or is overloaded; check its log.", CompletionFailureKind.ServerError, status);
        var fix = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => endpoint.Key.VariableName is { } variable
                ? $"Check the API key in the environment variable {variable}."
                : "The endpoint wants an API key: name the environment variable holding it with api_key_env.",
            HttpStatusCode.NotFound =>
                $"Check base_url (it normally ends in /v1) and the model name '{endpoint.Options.Model}' (GET {endpoint.ModelsUrl} lists the served models).",
            HttpStatusCode.TooManyRequests =>
                $"The server is rate-limiting{RetryAfter(response)}: lower the request rate or concurrency, or raise the quota.",
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity =>
                "If the message names ignore_eos, min_tokens or top_k, set send_extension_fields: false for this endpoint; "
                + "otherwise check max_tokens and the prompt length against the model's context length.",
            _ => "Check base_url and the request settings of this endpoint.",
        };
        return new CompletionException($"{head}. {fix}", CompletionFailureKind.ClientError, status);
    }

    public static CompletionException FromConnectionFailure(HttpRequestException e, RemoteEndpoint endpoint, string url)
    {
        if (Find<SocketException>(e) is { } socket)
        {
            var why = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused: is the server running and listening on that port?",
                SocketError.HostNotFound or SocketError.NoData => "host not found: check the host name in base_url.",
                SocketError.ConnectionReset => "the server reset the connection.",
                _ => $"{socket.SocketErrorCode}: {socket.Message}",
            };
            return new CompletionException($"POST {url} failed: {why}", CompletionFailureKind.ServerError, inner: e);
        }
        // .NET's outer message ("An error occurred while sending the request") hides why; the request error kind and
        // the innermost cause (a connection the server closed, a premature end) are what tell the failures apart.
        var innermost = e.GetBaseException();
        var cause = ReferenceEquals(innermost, e) ? "" : $" ({e.HttpRequestError}: {endpoint.Key.Scrub(innermost.Message)})";
        return new CompletionException($"POST {url} failed: {endpoint.Key.Scrub(e.Message)}{cause}", CompletionFailureKind.ServerError, inner: e);
    }

    public static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T found)
                return found;
        }
        return null;
    }

    private static string RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } retry
            ? $" (Retry-After: {(retry.Delta is { } delta ? $"{delta.TotalSeconds:0} s" : retry.Date?.ToString("R"))})"
            : "";

    /// <summary>The "message" of an OpenAI-style or vLLM-style error JSON, else the body text, shortened to one line.</summary>
    /// <remarks>The key is scrubbed before the text is shortened, so a cut cannot leave a piece of it behind.</remarks>
    private static async Task<string> ReadServerMessageAsync(HttpResponseMessage response, ApiKey key, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> body;
        try
        {
            (body, _) = await BoundedBody.ReadAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return "(the error body could not be read)";
        }
        var text = key.Scrub(MessageFromJson(body) ?? Encoding.UTF8.GetString(body.Span));
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0)
            return "(empty body)";
        return text.Length <= MaxServerMessageChars ? text : text[..MaxServerMessageChars] + "…";
    }

    private static string? MessageFromJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                    return error.GetString();
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
                    return nested.GetString();
            }
            foreach (var name in (ReadOnlySpan<string>)["message", "detail"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    return value.GetString();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
