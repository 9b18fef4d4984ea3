using BenchCluster.Engine.Completions;

namespace BenchCluster.Serving.Requests;

/// <summary>A validated request: what to ask the backend and how to answer.</summary>
internal sealed record ServedRequest
{
    public required CompletionRequest Completion { get; init; }
    public required bool IsChat { get; init; }
    public required bool Stream { get; init; }
    /// <summary>stream_options.include_usage: send a last event with usage before [DONE].</summary>
    public required bool IncludeUsage { get; init; }
}
