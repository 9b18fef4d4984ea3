using System.Globalization;
using System.Numerics;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// How many jobs a suite becomes, counted from the lengths of its lists without expanding anything (exact at any
/// size: a 1 KB suite can ask for 10^20 jobs), and which lists multiplied the largest part of it.
/// </summary>
public sealed record JobCount(BigInteger Jobs, string LargestPart)
{
    /// <summary>
    /// Counts models × nodes × scenarios × parameter cross-product × repetitions (× fleet drivers), skipping the combinations the
    /// expander skips. <paramref name="nodesFor"/> gives the nodes a model runs on; null counts one node per model.
    /// </summary>
    public static JobCount Of(SuiteDefinition suite, Func<ModelSpec, int>? nodesFor = null)
    {
        var total = BigInteger.Zero;
        var largest = BigInteger.MinusOne;
        var largestPart = "";
        foreach (var model in suite.Models)
        {
            var nodes = nodesFor?.Invoke(model) ?? 1;
            foreach (var scenario in suite.Scenarios)
            {
                if (QualityReferences.NotOnEndpoint(model, scenario) is not null)
                    continue;
                var grid = ParameterApplicability.Restrict(suite.Parameters.Overlay(scenario.Parameters), model, scenario.Kind);
                var factors = Factors(grid).Append((Name: "repetitions", Count: QualityReferences.Repetitions(scenario, suite.Repetitions))).ToList();
                if (nodesFor is not null)
                    factors.Add((Name: "nodes", Count: nodes));
                // A fleet point is one job per driver (the planner puts them on distinct nodes).
                if (scenario.Fleet is { Drivers: > 1 } fleet && !model.IsInProcess)
                    factors.Add((Name: "fleet drivers", Count: fleet.Drivers));
                var part = factors.Aggregate(BigInteger.One, (product, factor) => product * factor.Count);
                total += part;
                if (part > largest)
                {
                    largest = part;
                    largestPart = string.Create(CultureInfo.InvariantCulture,
                        $"model {model.Name} × scenario {scenario.Name}: {string.Join(" × ", factors.Select(f => Factor(f.Name, f.Count)))} = {part:N0} jobs");
                }
            }
        }
        return new JobCount(total, largestPart);
    }

    /// <summary>An error for a count above <paramref name="maxJobs"/>, or null when it fits.</summary>
    public string? Problem(long maxJobs, string limitOption)
    {
        if (Jobs <= maxJobs)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"the suite expands to {Jobs:N0} jobs, above the limit of {maxJobs:N0} ({limitOption}); the largest part is {LargestPart}. ")
            + "Shorten these lists or split the suite into several runs";
    }

    private static string Factor(string name, int count) => string.Create(CultureInfo.InvariantCulture, $"{name}: {count:N0}");

    private static IEnumerable<(string Name, int Count)> Factors(ParameterGrid grid)
    {
        (string Name, int? Count)[] lists =
        [
            ("threads", grid.Threads?.Count), ("batch", grid.BatchSize?.Count), ("ubatch", grid.MicroBatchSize?.Count),
            ("gpu_layers", grid.GpuLayers?.Count), ("kv_type", grid.KvType?.Count), ("flash_attn", grid.FlashAttention?.Count),
            ("depth", grid.Depth?.Count), ("concurrency", grid.Concurrency?.Count), ("rate", grid.Rate?.Count),
        ];
        return lists.Where(l => l.Count > 0).Select(l => ($"{l.Name} values", l.Count!.Value));
    }
}
