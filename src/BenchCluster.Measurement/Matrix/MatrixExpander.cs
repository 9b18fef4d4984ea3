using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// Expands a suite into jobs: models × scenarios × the cross-product of parameter lists × repetitions.
/// Node eligibility is applied by the coordinator (<see cref="NodeSelector.MatchesAny"/>). The order of jobs and
/// every key and seed depend only on the suite, so expanding twice gives the same plan.
/// </summary>
public static class MatrixExpander
{
    /// <summary>
    /// Expands the suite after counting its jobs (one node per model): above <paramref name="maxJobs"/> it throws
    /// <see cref="JobLimitException"/> before allocating a single job.
    /// </summary>
    public static MatrixPlan Expand(SuiteDefinition suite, long maxJobs = MatrixLimits.DefaultMaxJobs)
    {
        if (JobCount.Of(suite).Problem(maxJobs, "--max-jobs") is { } problem)
            throw new JobLimitException(problem);
        var jobs = new List<JobSpec>();
        var points = new List<PointKey>();
        var skipped = new List<SkippedCombination>();
        foreach (var model in suite.Models)
        {
            foreach (var scenario in suite.Scenarios)
            {
                if (QualityReferences.NotOnEndpoint(model, scenario) is { } reason)
                {
                    skipped.Add(new SkippedCombination(model.Name, scenario.Name, reason));
                    continue;
                }
                var repetitions = QualityReferences.Repetitions(scenario, suite.Repetitions);
                var reference = QualityReferences.For(model, scenario, suite.Models);
                var grid = ParameterApplicability.Restrict(suite.Parameters.Overlay(scenario.Parameters), model, scenario.Kind);
                foreach (var parameters in CrossProduct(grid))
                {
                    var point = PointKey.For(model, scenario, parameters);
                    points.Add(point);
                    for (var repetition = 0; repetition < repetitions; repetition++)
                    {
                        jobs.Add(new JobSpec
                        {
                            SuiteName = suite.Name,
                            Point = point,
                            Repetition = repetition,
                            RepetitionCount = repetitions,
                            Seed = SeedDerivation.ForRepetition(suite.Seed, point.Id, repetition),
                            Model = model,
                            Scenario = scenario with { Parameters = null },
                            Parameters = parameters,
                            Warmup = suite.Warmup,
                            Slo = suite.Slo,
                            Validity = suite.Validity,
                            MeasurePower = suite.Cost.MeasurePower,
                            Reference = reference,
                        });
                    }
                }
            }
        }
        return new MatrixPlan { Jobs = jobs, Points = points, Skipped = skipped };
    }

    /// <summary>Every combination of the grid's lists, the first parameter varying slowest.</summary>
    public static IReadOnlyList<JobParameters> CrossProduct(ParameterGrid grid)
    {
        IEnumerable<JobParameters> combos = [new JobParameters()];
        combos = Multiply(combos, grid.Threads, (p, v) => p with { Threads = v });
        combos = Multiply(combos, grid.BatchSize, (p, v) => p with { BatchSize = v });
        combos = Multiply(combos, grid.MicroBatchSize, (p, v) => p with { MicroBatchSize = v });
        combos = Multiply(combos, grid.GpuLayers, (p, v) => p with { GpuLayers = v });
        combos = Multiply(combos, grid.KvType, (p, v) => p with { KvType = v });
        combos = Multiply(combos, grid.FlashAttention, (p, v) => p with { FlashAttention = v });
        combos = Multiply(combos, grid.Depth, (p, v) => p with { Depth = v });
        combos = Multiply(combos, grid.Concurrency, (p, v) => p with { Concurrency = v });
        combos = Multiply(combos, grid.Rate, (p, v) => p with { Rate = v });
        return combos.ToList();
    }

    private static IEnumerable<JobParameters> Multiply<T>(
        IEnumerable<JobParameters> combos, IReadOnlyList<T>? values, Func<JobParameters, T, JobParameters> set) =>
        values is null || values.Count == 0 ? combos : combos.SelectMany(combo => values.Select(value => set(combo, value)));
}
