using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Measurement.Tests.Scenarios;

/// <summary>Builds jobs from a few lines of suite YAML, as the coordinator would.</summary>
internal static class Jobs
{
    public static JobSpec From(string scenarioYaml, string extra = "", string model = "{preset: tiny, type: q8_0}")
    {
        var suite = new SuiteParser().Parse($"""
            repetitions: 1
            warmup: 1
            models: [{model}]
            scenarios:
              - {scenarioYaml}
            {extra}
            """);
        return MatrixExpander.Expand(suite).Jobs[0];
    }

    public static JobSpec Remote(string scenarioYaml, string extra = "") =>
        From(scenarioYaml, extra, "{name: api, endpoint: {base_url: \"http://localhost:1/v1\", model: m, price_input_per_mtok: 1, price_output_per_mtok: 2}}");

    public static JobSpec With(this JobSpec job, Func<ScenarioSpec, ScenarioSpec> change) => job with { Scenario = change(job.Scenario) };
}
