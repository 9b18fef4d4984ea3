namespace BenchCluster.Engine.Completions;

/// <summary>
/// Request-level inference, as a server sees it: one request in, a stream of tokens out.
/// Implementations: the in-process continuous batcher over a llama.cpp session, and the remote
/// OpenAI-compatible HTTP client. Open-loop and concurrency scenarios drive this interface, so
/// their results mean the same for both.
/// </summary>
public interface ICompletionBackend : IAsyncDisposable
{
    CompletionBackendInfo Info { get; }

    /// <summary>
    /// Streams the completion. Every chunk carries the monotonic time at which the producer had it
    /// (the decode thread in-process, the arrival of the SSE event remotely). The last chunk has
    /// <see cref="CompletionChunk.IsFinal"/> set and carries usage and finish reason. Failures are
    /// reported as exceptions of type <see cref="CompletionException"/>; cancellation as OperationCanceledException.
    /// </summary>
    IAsyncEnumerable<CompletionChunk> StreamAsync(CompletionRequest request, CancellationToken cancellationToken = default);
}
