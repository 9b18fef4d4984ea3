using System.Globalization;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Workloads;

/// <summary>
/// The requests of a run, drawn from the workload: request i depends only on (seed, i), so a closed loop can draw
/// as many as its minimum duration needs and an open loop can draw all of them before its clock starts.
/// </summary>
public sealed class RequestSource(WorkloadSpec workload, int seed, PromptFactory prompts, bool useChat)
{
    public PlannedRequest Get(int index)
    {
        var random = new Random(IndexSeed(index));
        var inputLength = workload.PromptTokens.Sample(random);
        var outputLength = workload.OutputTokens.Sample(random);
        var tag = string.Create(CultureInfo.InvariantCulture, $"{seed:x8}-{index}");
        var prompt = prompts.Build(inputLength, random, tag);
        var request = new CompletionRequest
        {
            Prompt = prompt.Text,
            PromptTokens = prompt.Tokens,
            MaxTokens = outputLength,
            IgnoreEos = true,
            Sampling = SamplingOptions.Greedy,
            UseChat = useChat,
        };
        return new PlannedRequest(index, request, prompt.TokenCount, outputLength);
    }

    public IReadOnlyList<PlannedRequest> Take(int count) => Enumerable.Range(0, count).Select(Get).ToList();

    /// <summary>A fixed mix of seed and index (HashCode.Combine is randomized per process, so it will not do).</summary>
    private int IndexSeed(int index) =>
        (int)((unchecked(((uint)seed * 0x9E3779B1u) ^ ((uint)index * 0x85EBCA6Bu)) >> 1) & int.MaxValue);
}
