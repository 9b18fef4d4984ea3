namespace BenchCluster.Engine.Completions;

/// <summary>
/// One streamed event. A remote server may put several tokens in one event (<see cref="TokenCount"/> &gt; 1);
/// in-process every chunk is one token.
/// </summary>
public sealed record CompletionChunk
{
    /// <summary>Monotonic time the chunk was produced (in-process) or received (remote).</summary>
    public required long TimestampNs { get; init; }
    public string Text { get; init; } = "";
    /// <summary>Tokens in this event: counted by us (in-process exact; remote: the server's count when it says, else 1 per non-empty event).</summary>
    public int TokenCount { get; init; }
    public bool IsFinal { get; init; }
    /// <summary>Prompt tokens as counted by the backend (in-process: our tokenizer; remote: usage.prompt_tokens). Final chunk only.</summary>
    public int? PromptTokens { get; init; }
    /// <summary>Completion tokens as the backend reports (usage.completion_tokens). Final chunk only.</summary>
    public int? CompletionTokens { get; init; }
    /// <summary>"length", "stop", ... Final chunk only.</summary>
    public string? FinishReason { get; init; }
}
