using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Results;

namespace BenchCluster.Measurement.Tests.Json;

public sealed class JsonRoundTripTests
{
    private static JobSpec RichJob() => MatrixExpander.Expand(new SuiteParser().Parse("""
        models: [{name: api, endpoint: {base_url: "https://x/v1", model: m, api_key_env: K, price_input_per_mtok: 1, price_output_per_mtok: 2, chat: true}}]
        workload: {prompt_tokens: {distribution: uniform, min: 10, max: 20}, output_tokens: 8}
        scenarios: [{kind: gamma, burstiness: 0.5, parameters: {rate: [2.5]}}]
        slo: {ttft_ms: 300, e2el_ms: 4000}
        validity: {min_duration_s: 5}
        """)).Jobs[0];

    [Fact]
    public void A_job_spec_survives_json_unchanged()
    {
        var job = RichJob();

        var json = MeasurementJson.Serialize(job);
        var back = MeasurementJson.Deserialize<JobSpec>(json);

        Assert.Equal(json, MeasurementJson.Serialize(back));
        Assert.Equal(job.Point, back.Point);
        Assert.Equal(job.Model.Endpoint, back.Model.Endpoint);
        Assert.Equal(job.Parameters, back.Parameters);
        Assert.Equal(job.Slo, back.Slo);
        Assert.Equal(job.Scenario.Workload.PromptTokens, back.Scenario.Workload.PromptTokens);
        Assert.Contains("\"kind\":\"Gamma\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_spec_with_engine_parameters_keeps_its_enums_as_names()
    {
        var job = MatrixExpander.Expand(new SuiteParser().Parse("""
            models: [{preset: tiny, type: q8_0}]
            scenarios: [{kind: pp}]
            parameters: {kv_type: q8_0, flash_attn: off, threads: 2}
            """)).Jobs[0];

        var json = MeasurementJson.Serialize(job);
        var back = MeasurementJson.Deserialize<JobSpec>(json);

        Assert.Contains("\"kvType\":\"Q8_0\"", json, StringComparison.Ordinal);
        Assert.Equal(job.Parameters, back.Parameters);
    }

    [Fact]
    public async Task A_job_measurement_survives_json_with_every_sample_field()
    {
        var job = RichJob();
        var backend = new FakeCompletionBackend((_, call) => call == 1
            ? new ScriptedResponse { Failure = new InvalidOperationException("boom") }
            : new ScriptedResponse { Events = [new ScriptedEvent(1_000_000, 2), new ScriptedEvent(3_000_000, 6)], ServerPromptTokens = 12, ServerOutputTokens = 8 });
        var measurement = await new ScenarioRunner(new RunEnvironment { NodeName = "n1" }).RunAsync(job with { Scenario = job.Scenario with { Requests = 3 } }, backend);

        var json = MeasurementJson.Serialize(measurement);
        var back = MeasurementJson.Deserialize<JobMeasurement>(json);

        Assert.Equal(json, MeasurementJson.Serialize(back));
        Assert.DoesNotContain("\"succeeded\"", json, StringComparison.Ordinal);
        Assert.Equal(measurement.Samples.Count, back.Samples.Count);
        for (var i = 0; i < measurement.Samples.Count; i++)
        {
            var (a, b) = (measurement.Samples[i], back.Samples[i]);
            Assert.Equal(a.EventNs, b.EventNs);
            Assert.Equal(a.EventTokenCounts, b.EventTokenCounts);
            Assert.Equal(a with { EventNs = [], EventTokenCounts = [] }, b with { EventNs = [], EventTokenCounts = [] });
        }
        Assert.Equal(measurement.Stages, back.Stages);
        Assert.Equal("n1", back.Provenance!.NodeName);
        Assert.Equal(measurement.Provenance!.Machine.CpuModel, back.Provenance.Machine.CpuModel);
    }

    [Fact]
    public void A_point_result_survives_json()
    {
        var job = RichJob() with { RepetitionCount = 2 };
        var reps = Enumerable.Range(0, 2).Select(i =>
        {
            var (samples, stage) = Measurements.OpenLoopRepetition();
            return Measurements.Of(job, i, samples, [stage], watts: 50);
        }).ToList();
        var result = ResultAggregator.Aggregate(job.Point, job, reps, new CostInputs { HardwareUsdPerHour = 1 }, "n1");

        var json = MeasurementJson.Serialize(result);
        var back = MeasurementJson.Deserialize<PointResult>(json);

        Assert.Equal(json, MeasurementJson.Serialize(back));
        Assert.Equal(result.Verdict.Reasons, back.Verdict.Reasons);
        Assert.Equal(result.Headline!.Metrics.Count, back.Headline!.Metrics.Count);
        Assert.Equal(result.Headline.Metric("ttft_ms"), back.Headline.Metric("ttft_ms"));
    }
}
