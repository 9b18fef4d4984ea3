using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Measurement.Workloads;

/// <summary>The request every request-level workload sends for a prompt: exactly the asked output length, greedy unless the workload samples.</summary>
internal static class PlannedRequests
{
    public static PlannedRequest Create(int index, PlannedPrompt prompt, int outputLength, bool useChat, SamplingOptions sampling) =>
        new(index, new CompletionRequest
        {
            Prompt = prompt.Text,
            PromptTokens = prompt.Tokens,
            MaxTokens = outputLength,
            IgnoreEos = true,
            Sampling = sampling,
            UseChat = useChat,
        }, prompt.TokenCount, outputLength);
}
