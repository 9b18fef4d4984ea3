using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Tests.Workloads;

/// <summary><c>workload.sampling</c>: requests drawn at a temperature, each with its own seed; greedy without it.</summary>
public sealed class WorkloadSamplingTests
{
    private static SuiteDefinition Parse(string workload) =>
        new SuiteParser().Parse($"models: [{{preset: tiny, type: q8_0}}]\nscenarios:\n  - {{kind: concurrency, workload: {workload}, parameters: {{concurrency: [2]}}}}\n", "sampling.yaml");

    [Fact]
    public void Sampled_requests_carry_the_temperature_and_top_k_and_a_seed_of_their_own_that_a_rerun_repeats()
    {
        var workload = Parse("{prompt_tokens: 16, sampling: {temperature: 0.7, top_k: 20}}").Scenarios.Single().Workload;
        var source = new RequestSource(workload, 11, PromptFactory.ForText(), useChat: false);

        var first = source.Get(0).Request.Sampling;
        var second = source.Get(1).Request.Sampling;

        Assert.Equal(new SamplingSpec { Temperature = 0.7, TopK = 20 }, workload.Sampling);
        Assert.Equal(SamplingMode.Temperature, first.Mode);
        Assert.Equal(0.7f, first.Temperature);
        Assert.Equal(20, first.TopK);
        Assert.NotEqual(first.Seed, second.Seed);
        Assert.Equal(first, new RequestSource(workload, 11, PromptFactory.ForText(), useChat: false).Get(0).Request.Sampling);
        Assert.NotEqual(first.Seed, new RequestSource(workload, 12, PromptFactory.ForText(), useChat: false).Get(0).Request.Sampling.Seed);
    }

    [Fact]
    public void Without_sampling_requests_are_greedy_and_the_point_key_is_unchanged()
    {
        var plain = MatrixExpander.Expand(Parse("{prompt_tokens: 16}")).Jobs[0];
        var sampled = MatrixExpander.Expand(Parse("{prompt_tokens: 16, sampling: {temperature: 1}}")).Jobs[0];

        Assert.Equal(SamplingOptions.Greedy, new RequestSource(plain.Scenario.Workload, 1, PromptFactory.ForText(), useChat: false).Get(0).Request.Sampling);
        Assert.DoesNotContain("sampling", MeasurementJson.Serialize(plain.Scenario), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(plain.Point.Id, sampled.Point.Id);
        Assert.Equal(40, sampled.Scenario.Workload.Sampling!.TopK);
    }

    [Theory]
    [InlineData("{sampling: {temperature: 0}}", "temperature 0 is greedy decoding")]
    [InlineData("{sampling: {temperature: 9}}", "temperature")]
    [InlineData("{sampling: {top_k: 5}}", "temperature")]
    [InlineData("{sampling: {temperature: 1, top_k: 0}}", "top_k")]
    [InlineData("{sampling: {temperature: 1, top_p: 0.9}}", "top_p")]
    public void A_bad_sampling_field_is_refused_naming_it(string workload, string expected)
    {
        var errors = Assert.Throws<SuiteValidationException>(() => Parse(workload)).Errors;

        Assert.Contains(errors, e => $"{e.FieldPath} {e.Message}".Contains(expected, StringComparison.Ordinal));
    }
}
