using System.Diagnostics;
using System.Numerics;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Matrix;

/// <summary>The job count comes from the list lengths, before anything is expanded, and is exact at any size.</summary>
public sealed class JobCountTests
{
    private static readonly SuiteParser Parser = new();

    [Fact]
    public void The_issues_one_kilobyte_suite_is_counted_at_640_million_and_refused_without_expanding()
    {
        var text = HostileSuites.SixHundredFortyMillionJobs();
        var clock = Stopwatch.StartNew();
        var suite = Parser.Parse(text, "explode.yaml");
        var count = JobCount.Of(suite);
        var e = Assert.Throws<JobLimitException>(() => MatrixExpander.Expand(suite));
        var elapsed = clock.Elapsed;

        Assert.True(text.Length < 1024, $"{text.Length} bytes");
        Assert.Equal(new BigInteger(640_000_000), count.Jobs);
        Assert.Contains("expands to 640,000,000 jobs, above the limit of 100,000 (--max-jobs)", e.Message, StringComparison.Ordinal);
        Assert.Contains("threads values: 40 × batch values: 40 × ubatch values: 40 × gpu_layers values: 10 × depth values: 10 × repetitions: 100", e.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "1 KB suite expanding to 640,000,000 jobs (the issue's)", 1,
            $"refused with the count and the lists that multiplied it, parse + count in {elapsed.TotalMilliseconds:F0} ms, nothing expanded",
            nameof(The_issues_one_kilobyte_suite_is_counted_at_640_million_and_refused_without_expanding)));
    }

    [Fact]
    public void A_count_beyond_64_bits_is_exact_and_refused()
    {
        var suite = Parser.Parse(HostileSuites.BeyondSixtyFourBits(), "overflow.yaml");

        var count = JobCount.Of(suite);

        Assert.Equal(BigInteger.Pow(2000, 5) * 1000, count.Jobs);
        Assert.True(count.Jobs > long.MaxValue);
        Assert.Contains("32,000,000,000,000,000,000 jobs", Assert.Throws<JobLimitException>(() => MatrixExpander.Expand(suite)).Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "lists whose product (3.2·10^19 jobs) overflows a 64-bit count", 1,
            "counted exactly (arbitrary precision) and refused", nameof(A_count_beyond_64_bits_is_exact_and_refused)));
    }

    [Theory]
    [InlineData("""
        repetitions: 3
        models: [{preset: tiny, type: q8_0}, {name: api, endpoint: {base_url: "https://h/v1", model: m}}]
        scenarios:
          - {name: pp, kind: pp, prompt_tokens: 16, parameters: {depth: [0, 512]}}
          - {name: c, kind: concurrency, requests: 4}
          - {name: p, kind: poisson, requests: 4, parameters: {rate: [1, 2, 4]}}
        parameters: {threads: [1, 2], concurrency: [1, 8]}
        """)]
    [InlineData("""
        models: [{preset: tiny, type: q8_0}, {preset: tiny, type: f16}]
        scenarios: [{kind: batched, parameters: {concurrency: [1, 2, 4]}}, {kind: tg}]
        parameters: {batch: [64, 128], kv_type: [f16, q8_0], flash_attn: [on, off]}
        """)]
    public void The_count_matches_the_expanded_matrix(string yaml)
    {
        var suite = Parser.Parse(yaml);

        Assert.Equal(new BigInteger(MatrixExpander.Expand(suite).Jobs.Count), JobCount.Of(suite).Jobs);
        Assert.Equal(new BigInteger(MatrixExpander.Expand(suite).Jobs.Count * 3), JobCount.Of(suite, _ => 3).Jobs);
    }

    [Fact]
    public void The_limit_is_the_operators_and_a_suite_at_the_limit_expands()
    {
        var suite = Parser.Parse("repetitions: 4\nmodels: [{preset: tiny, type: q8_0}]\nscenarios: [{kind: tg}]\nparameters: {threads: [1, 2, 3]}\n");

        Assert.Equal(12, MatrixExpander.Expand(suite, maxJobs: 12).Jobs.Count);
        var e = Assert.Throws<JobLimitException>(() => MatrixExpander.Expand(suite, maxJobs: 11));
        Assert.Contains("12 jobs, above the limit of 11", e.Message, StringComparison.Ordinal);
    }
}
