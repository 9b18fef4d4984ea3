using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.LoadGenBench;

/// <summary>
/// A single-repetition job against an endpoint model, with one warm-up round, as the benchmarks here run them; no power
/// sampling (nothing here reads energy, and the sampler would be one more thread beside the servers).
/// </summary>
internal static class EndpointJob
{
    public static JobSpec Create(string suiteName, ModelSpec model, ScenarioSpec scenario, JobParameters parameters, int seed) => new()
    {
        SuiteName = suiteName,
        Point = PointKey.For(model, scenario, parameters),
        Repetition = 0,
        RepetitionCount = 1,
        Seed = seed,
        Model = model,
        Scenario = scenario,
        Parameters = parameters,
        Warmup = 1,
        MeasurePower = false,
    };
}
