using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.EngineProcess.Tests;

/// <summary>A quality job as the coordinator would hand it to a worker: one repetition, two threads, no power meter.</summary>
internal static class QualityJobSpecs
{
    public static JobSpec Create(QualitySpec quality, QualityReferenceModel? reference)
    {
        var suite = new SuiteParser().Parse("""
            repetitions: 1
            warmup: 0
            models: [{preset: tiny, type: f16}]
            scenarios:
              - {kind: pp, prompt_tokens: 8}
            """);
        var job = MatrixExpander.Expand(suite).Jobs[0];
        return job with
        {
            MeasurePower = false,
            Parameters = job.Parameters with { Threads = 2 },
            Scenario = job.Scenario with { Name = "quality", Kind = ScenarioKind.Quality, Quality = quality },
            Reference = reference,
        };
    }
}
