namespace BenchCluster.Measurement.Workloads;

/// <summary>The requests of a run by index: request i depends only on (seed, i), whatever the prompts come from.</summary>
public interface IRequestSource
{
    PlannedRequest Get(int index);

    IReadOnlyList<PlannedRequest> Take(int count) => Enumerable.Range(0, count).Select(Get).ToList();
}
