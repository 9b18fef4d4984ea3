using System.Globalization;
using System.Runtime.CompilerServices;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Timing;

namespace BenchCluster.LoadGenBench;

/// <summary>
/// The trivial endpoint's "model": answers every request at once with a few tokens whose text is the monotonic
/// time the server produced them, so the client side can tell how long each token took to reach its timestamp.
/// </summary>
internal sealed class StampingBackend : ICompletionBackend
{
    public CompletionBackendInfo Info { get; } = new() { Kind = "stamping", Model = StampingBackend.ModelName, Location = "memory" };

    public const string ModelName = "stamping";

    public async IAsyncEnumerable<CompletionChunk> StreamAsync(
        CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        for (var i = 0; i < request.MaxTokens; i++)
        {
            var now = MonotonicClock.NowNs();
            yield return new CompletionChunk { TimestampNs = now, Text = now.ToString(CultureInfo.InvariantCulture), TokenCount = 1 };
        }
        yield return new CompletionChunk
        {
            TimestampNs = MonotonicClock.NowNs(),
            IsFinal = true,
            PromptTokens = request.PromptTokens?.Count,
            CompletionTokens = request.MaxTokens,
            FinishReason = "length",
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
