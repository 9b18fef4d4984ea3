using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>
/// Requests drawn from a dataset with replacement: request i takes the entry that (seed, i) picks, so runs with the
/// same seed and file send the same prompts in the same order. The answer length the dataset gives is max_tokens;
/// where it gives none, the workload's output distribution decides.
/// </summary>
public sealed class DatasetRequestSource(IReadOnlyList<DatasetPrompt> prompts, WorkloadSpec workload, int seed, bool useChat) : IRequestSource
{
    private readonly RequestSampling _sampling = new(workload.Sampling, seed);

    public PlannedRequest Get(int index)
    {
        var random = new Random(RequestSeeds.For(seed, index));
        var entry = prompts[random.Next(prompts.Count)];
        var output = entry.OutputTokens ?? workload.OutputTokens.Sample(random);
        return PlannedRequests.Create(index, entry.Prompt, output, useChat, _sampling.For(index));
    }
}
