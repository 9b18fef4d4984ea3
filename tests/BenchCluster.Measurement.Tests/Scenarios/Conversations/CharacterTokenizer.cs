using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Tests.Scenarios.Conversations;

/// <summary>A stand-in vocabulary for token-prompt tests: every character is its own token.</summary>
internal sealed class CharacterTokenizer : IPromptTokenizer
{
    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) => Task.FromResult(text.Select(c => (int)c).ToArray());
}
