using BenchCluster.Measurement.Workloads;
using BenchCluster.Engine.Completions.InProcess;

namespace BenchCluster.EngineChild;

/// <summary>
/// Tokenizes with the vocabulary of the model an in-process <see cref="ContinuousBatchingBackend"/> serves, so a
/// request-level job's prompts are exact token windows (no BOS added: the windows are cut from running text).
/// </summary>
public sealed class InProcessPromptTokenizer(ContinuousBatchingBackend backend) : IPromptTokenizer
{
    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(backend.Tokenize(text, addSpecial: false));
    }
}
