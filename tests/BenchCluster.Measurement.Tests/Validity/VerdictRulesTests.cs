using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;

namespace BenchCluster.Measurement.Tests.Validity;

public sealed class VerdictRulesTests
{
    private static readonly ValidityThresholds Thresholds = new() { MinDurationSeconds = 1, MinSamples = 3, MaxCv = 0.1, MaxErrorRate = 0.01 };

    private static StageEvidence Good => new()
    {
        ExpectedRepetitions = 3,
        MeasuredRepetitions = 3,
        RepetitionSeconds = [2, 2, 2],
        Succeeded = 300,
        Failed = 0,
        HeadlineMetric = "tokens_per_s",
        HeadlineValues = [100, 101, 99],
        OutputCountChecked = 300,
    };

    [Fact]
    public void Clean_evidence_is_valid()
    {
        var verdict = VerdictRules.Evaluate(Good, Thresholds);
        Assert.True(verdict.IsValid, string.Join("; ", verdict.Reasons));
        Assert.Equal("VALID", verdict.Label);
    }

    [Fact]
    public void Too_short_a_repetition_is_invalid()
    {
        var verdict = VerdictRules.Evaluate(Good with { RepetitionSeconds = [2, 0.4, 2] }, Thresholds);
        Assert.False(verdict.IsValid);
        Assert.Contains(verdict.Reasons, r => r.Contains("min_duration_s", StringComparison.Ordinal) && r.Contains("0.4", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_few_samples_is_invalid()
    {
        var verdict = VerdictRules.Evaluate(Good with { Succeeded = 2 }, Thresholds);
        Assert.Contains(verdict.Reasons, r => r.Contains("min_samples 3", StringComparison.Ordinal));
    }

    [Fact]
    public void High_variation_over_repetitions_is_invalid()
    {
        var verdict = VerdictRules.Evaluate(Good with { HeadlineValues = [100, 140, 70] }, Thresholds);
        Assert.Contains(verdict.Reasons, r => r.Contains("max_cv", StringComparison.Ordinal) && r.Contains("tokens_per_s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_repetition_is_a_warning_not_a_failure()
    {
        var verdict = VerdictRules.Evaluate(Good with { HeadlineValues = [100] }, Thresholds);
        Assert.True(verdict.IsValid);
        Assert.Contains(verdict.Warnings, w => w.Contains("CV", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_counts_different_from_requested_are_invalid()
    {
        var verdict = VerdictRules.Evaluate(Good with { OutputCountMismatches = 4 }, Thresholds);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("4 of 300", StringComparison.Ordinal) && r.Contains("ignore_eos", StringComparison.Ordinal));
    }

    [Fact]
    public void Server_count_disagreement_is_only_a_warning()
    {
        var verdict = VerdictRules.Evaluate(Good with { ServerCountDisagreements = 5 }, Thresholds);
        Assert.True(verdict.IsValid);
        Assert.Contains(verdict.Warnings, w => w.Contains("completion_tokens", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_rate_above_the_threshold_is_invalid_and_at_it_is_not()
    {
        var over = VerdictRules.Evaluate(Good with { Succeeded = 296, Failed = 4 }, Thresholds);
        var at = VerdictRules.Evaluate(Good with { Succeeded = 297, Failed = 3 }, Thresholds);
        Assert.Contains(over.Reasons, r => r.Contains("error rate", StringComparison.Ordinal));
        Assert.True(at.IsValid);
    }

    [Fact]
    public void A_client_that_fell_behind_its_schedule_makes_the_result_invalid()
    {
        var slow = VerdictRules.Evaluate(Good with { RequestedRate = 100, LowestAchievedRate = 95 }, Thresholds);
        var lagging = VerdictRules.Evaluate(Good with { RequestedRate = 100, LowestAchievedRate = 99.5, SendLagP99Ms = 40 }, Thresholds);
        var onTime = VerdictRules.Evaluate(Good with { RequestedRate = 100, LowestAchievedRate = 99.5, SendLagP99Ms = 0.2 }, Thresholds);

        Assert.Contains(slow.Reasons, r => r.Contains("fell behind: achieved 95", StringComparison.Ordinal));
        Assert.Contains(lagging.Reasons, r => r.Contains("p99 send lag 40", StringComparison.Ordinal));
        Assert.True(onTime.IsValid);
    }

    [Fact]
    public void A_percentile_over_its_bound_is_invalid()
    {
        var check = new PercentileCheck("ttft_ms", 500, 0.99, 620, 1000, 30);
        var verdict = VerdictRules.Evaluate(Good with { PercentileChecks = [check] }, Thresholds);
        Assert.Contains(verdict.Reasons, r => r.Contains("p99 ttft_ms 620 ms exceeds the SLO bound 500", StringComparison.Ordinal));
    }

    [Fact]
    public void A_percentile_within_its_bound_needs_enough_samples_to_count()
    {
        var few = new PercentileCheck("e2el_ms", 500, 0.99, 300, 100, 0);
        var enough = few with { Samples = 299 };

        var fewVerdict = VerdictRules.Evaluate(Good with { PercentileChecks = [few] }, Thresholds);
        Assert.Contains(fewVerdict.Reasons, r => r.Contains("at least 299 needed", StringComparison.Ordinal));
        Assert.True(VerdictRules.Evaluate(Good with { PercentileChecks = [enough] }, Thresholds).IsValid);
    }

    [Fact]
    public void Missing_repetitions_are_invalid()
    {
        var verdict = VerdictRules.Evaluate(Good with { MeasuredRepetitions = 2 }, Thresholds);
        Assert.Contains(verdict.Reasons, r => r.Contains("only 2 of 3 repetitions", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var verdict = VerdictRules.Evaluate(Good with { Succeeded = 1, Failed = 5, HeadlineValues = [1, 2, 3], RepetitionSeconds = [0.1] }, Thresholds);
        Assert.True(verdict.Reasons.Count >= 4, string.Join("; ", verdict.Reasons));
    }
}
