namespace BenchCluster.Serving.Requests;

/// <summary>
/// Bounds on the counts a request carries, checked before anything is allocated for them. The body size limit
/// already bounds them all; these keep each one to what a real client sends and name the field that broke it.
/// </summary>
internal static class RequestLimits
{
    /// <summary>Chat turns in one request.</summary>
    public const int MaxMessages = 4096;

    /// <summary>Text parts in one message's content.</summary>
    public const int MaxContentParts = 256;

    /// <summary>Stop sequences (OpenAI's own limit).</summary>
    public const int MaxStopSequences = 4;
}
