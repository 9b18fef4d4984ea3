namespace BenchCluster.Engine.Completions;

/// <summary>A request that failed: the message says what the backend answered and what to check.</summary>
public sealed class CompletionException : Exception
{
    public CompletionException(string message, CompletionFailureKind kind, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    public CompletionFailureKind Kind { get; }
    public int? StatusCode { get; }
}

public enum CompletionFailureKind
{
    /// <summary>HTTP 4xx: the request or the key is wrong; retrying will not help.</summary>
    ClientError,
    /// <summary>HTTP 5xx or a refused connection.</summary>
    ServerError,
    /// <summary>No first byte, or no next event, within the timeout.</summary>
    Timeout,
    /// <summary>The stream was not valid SSE/JSON.</summary>
    MalformedResponse,
    /// <summary>The engine failed (native error, context full).</summary>
    EngineError,
}
