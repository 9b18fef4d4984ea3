namespace BenchCluster.Remote;

/// <summary>The byte stream or an event's payload was not what an OpenAI-compatible stream sends.</summary>
internal sealed class SseFormatException(string problem, string excerpt, Exception? inner = null)
    : Exception($"{problem}: \"{excerpt}\"", inner)
{
    public string Problem { get; } = problem;
    public string Excerpt { get; } = excerpt;
}
