namespace BenchCluster.Engine.Completions;

/// <summary>What answers requests: for provenance.</summary>
public sealed record CompletionBackendInfo
{
    /// <summary>"llama.cpp-inprocess" or "openai-compatible".</summary>
    public required string Kind { get; init; }
    /// <summary>Model name or file as the backend knows it.</summary>
    public required string Model { get; init; }
    /// <summary>Base URL for remote endpoints, file path in-process.</summary>
    public required string Location { get; init; }
    /// <summary>Most requests served at once (continuous-batching slots in-process); null when unknown.</summary>
    public int? MaxConcurrency { get; init; }
}
