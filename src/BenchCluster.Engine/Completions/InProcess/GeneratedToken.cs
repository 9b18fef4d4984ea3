namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// What the decode thread hands a request's reader for each token: the token, the monotonic time it was chosen, and
/// on the last one why the request ended. A struct, so the hand-off allocates nothing per token on the decode thread;
/// text and chunk records are made by the reader (<see cref="ChunkAssembler"/>).
/// </summary>
internal readonly record struct GeneratedToken(int Token, long TimestampNs, string? FinishReason)
{
    public bool IsFinal => FinishReason is not null;
}
