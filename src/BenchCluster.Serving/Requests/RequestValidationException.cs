namespace BenchCluster.Serving.Requests;

/// <summary>A request the server refuses: answered with an OpenAI-style error naming the field.</summary>
internal sealed class RequestValidationException(string? param, string message, int statusCode = 400, string code = "invalid_request_error")
    : Exception(message)
{
    /// <summary>The offending body field (OpenAI's "param"), or null for the body as a whole.</summary>
    public string? Param { get; } = param;
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;
}
