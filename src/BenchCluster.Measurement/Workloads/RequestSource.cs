using System.Globalization;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Workloads;

/// <summary>
/// The requests of a run, drawn from the workload: request i depends only on (seed, i), so a closed loop can draw
/// as many as its minimum duration needs and an open loop can draw all of them before its clock starts.
/// </summary>
public sealed class RequestSource(WorkloadSpec workload, int seed, PromptFactory prompts, bool useChat) : IRequestSource
{
    private readonly RequestSampling _sampling = new(workload.Sampling, seed);

    public PlannedRequest Get(int index)
    {
        var random = new Random(RequestSeeds.For(seed, index));
        var inputLength = workload.PromptTokens.Sample(random);
        var outputLength = workload.OutputTokens.Sample(random);
        var tag = string.Create(CultureInfo.InvariantCulture, $"{seed:x8}-{index}");
        var prompt = prompts.Build(inputLength, random, tag);
        return PlannedRequests.Create(index, prompt, outputLength, useChat, _sampling.For(index));
    }

    public IReadOnlyList<PlannedRequest> Take(int count) => Enumerable.Range(0, count).Select(Get).ToList();
}
