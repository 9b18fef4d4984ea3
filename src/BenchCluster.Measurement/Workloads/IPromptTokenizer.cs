using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.Workloads;

/// <summary>Turns prompt text into the model's tokens, so in-process prompts have exactly the requested length.</summary>
public interface IPromptTokenizer
{
    Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken);
}

/// <summary>Tokenizes with an in-process session's vocabulary.</summary>
public sealed class SessionPromptTokenizer(IInferenceSession session) : IPromptTokenizer
{
    public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) =>
        session.TokenizeAsync(text, addSpecial: false, cancellationToken);
}
