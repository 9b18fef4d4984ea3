using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Tests.Results;
using BenchCluster.Measurement.Tests.Scenarios;
using BenchCluster.Measurement.Validity;

namespace BenchCluster.Measurement.Tests.Validity;

/// <summary>A p99 from fewer than 299 samples is flagged, SLO or not (issue 11, item 5).</summary>
public sealed class TailSampleWarningTests
{
    private static readonly ValidityThresholds Thresholds = new() { MinSamples = 1 };

    private static StageEvidence Evidence(IReadOnlyDictionary<string, int> counts, params PercentileCheck[] checks) => new()
    {
        ExpectedRepetitions = 1,
        MeasuredRepetitions = 1,
        Succeeded = 400,
        Failed = 0,
        HeadlineValues = [100],
        LatencySampleCounts = counts,
        PercentileChecks = checks,
    };

    [Fact]
    public void Without_an_slo_a_thin_p99_is_a_warning_naming_the_metric_and_its_count()
    {
        var verdict = VerdictRules.Evaluate(Evidence(new Dictionary<string, int> { ["ttft_ms"] = 48, ["itl_ms"] = 2000 }), Thresholds);

        Assert.True(verdict.IsValid, string.Join("; ", verdict.Reasons));
        var warning = Assert.Single(verdict.Warnings, w => w.StartsWith("p99", StringComparison.Ordinal));
        Assert.Contains("fewer than 299 samples", warning, StringComparison.Ordinal);
        Assert.Contains("ttft_ms (48)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("itl_ms", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void At_299_samples_there_is_no_warning()
    {
        var verdict = VerdictRules.Evaluate(Evidence(new Dictionary<string, int> { ["ttft_ms"] = 299 }), Thresholds);

        Assert.DoesNotContain(verdict.Warnings, w => w.StartsWith("p99", StringComparison.Ordinal));
    }

    [Fact]
    public void A_p99_slo_on_the_metric_makes_it_invalid_instead_of_warning_twice()
    {
        var check = new PercentileCheck("ttft_ms", 500, 0.99, 120, 48, 0);
        var verdict = VerdictRules.Evaluate(Evidence(new Dictionary<string, int> { ["ttft_ms"] = 48 }, check), Thresholds);

        Assert.False(verdict.IsValid);
        Assert.Contains(verdict.Reasons, r => r.Contains("p99 ttft_ms", StringComparison.Ordinal) && r.Contains("at least 299", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Warnings, w => w.Contains("ttft_ms (48)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_slo_at_another_percentile_still_leaves_the_p99_flagged()
    {
        var check = new PercentileCheck("ttft_ms", 500, 0.90, 120, 48, 0);
        var verdict = VerdictRules.Evaluate(Evidence(new Dictionary<string, int> { ["ttft_ms"] = 48 }, check), Thresholds);

        Assert.Contains(verdict.Warnings, w => w.Contains("ttft_ms (48)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_aggregator_reports_the_pooled_latency_counts()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}") with { RepetitionCount = 2 };
        var reps = Enumerable.Range(0, 2).Select(i =>
        {
            var (samples, stage) = Measurements.OpenLoopRepetition();
            return Measurements.Of(job, i, samples, [stage]);
        }).ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, new CostInputs());

        // Two repetitions of three successful requests: six TTFTs, twelve inter-token latencies.
        Assert.Contains(result.Verdict.Warnings, w => w.Contains($"{MetricNames.TtftMs} (6)", StringComparison.Ordinal) && w.Contains($"{MetricNames.ItlMs} (12)", StringComparison.Ordinal));
    }
}
