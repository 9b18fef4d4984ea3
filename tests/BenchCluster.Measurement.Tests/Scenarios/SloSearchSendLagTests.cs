using System.Globalization;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Results;
using BenchCluster.Testing.Reliability;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Scenarios;

/// <summary>
/// slo-search and send lag: a rate the client did not offer on schedule is neither a pass nor a fail, caps the
/// search, and is never reported as the highest rate within the SLOs.
/// </summary>
public sealed class SloSearchSendLagTests
{
    private static readonly CostInputs Node = new() { HardwareUsdPerHour = 3.6 };

    [Fact]
    public async Task A_stage_whose_client_fell_behind_caps_the_search_and_is_never_the_selected_rate()
    {
        // Every request meets the SLO, so today's search would stop at the first rate stage and report it.
        const int requests = 8;
        var job = Jobs.Remote(
            $"{{kind: slo-search, requests: {requests}, search_steps: 3, max_concurrency: 2, arrivals: constant, workload: {{output_tokens: 2}}}}",
            "slo: {e2el_ms: 100000}\nvalidity: {max_send_lag_ms: 250}");
        // Warm-up (1 round × 2 slots) and the throughput probe come first; the next call opens the first rate stage.
        var firstRateCall = 2 + requests;
        // The script runs on the open loop's dispatch thread, so stalling it there delays every later send of the stage.
        var backend = new FakeCompletionBackend((request, call) =>
        {
            if (call == firstRateCall)
                Thread.Sleep(1000);
            return ScriptedResponse.Steady(request.MaxTokens, 100_000_000, 1_000_000);
        });

        var measurement = await new ScenarioRunner().RunAsync(job, backend);
        var result = ResultAggregator.Aggregate(job.Point, job, [measurement], Node);

        Assert.Null(measurement.Error);
        var rates = measurement.Stages.Where(s => s.Kind == StageKind.Rate).ToList();
        var lagging = rates[0];
        var lagMs = RequestMetrics.SendLagP99Ms(measurement.Samples.Where(s => !s.IsWarmup && s.Stage == lagging.Index))!.Value;
        Assert.True(lagMs > 250, $"the stall should have delayed the first rate stage's sends (p99 send lag {lagMs} ms)");
        // The search went on below the lagging rate and never tried it, or anything above it, again.
        Assert.Equal(4, rates.Count);
        Assert.All(rates.Skip(1), s => Assert.True(s.TargetRate < lagging.TargetRate, $"{s.TargetRate} req/s tried after {lagging.TargetRate} req/s lagged"));
        var best = Assert.Single(result.PointMetrics, m => m.Name == MetricNames.MaxRateWithinSlo).Statistics.Mean!.Value;
        Assert.True(best < lagging.TargetRate!.Value, $"max_rate_within_slo {best} claims the lagging rate {lagging.TargetRate}");
        Assert.Equal(best, result.Headline!.TargetRate!.Value, 1e-9);
        // Named in a warning with its rate, its send lag and the threshold (a loaded test machine may add more).
        var rate = string.Create(CultureInfo.InvariantCulture, $"repetition 0: {lagging.TargetRate:0.###} req/s (stage {lagging.Index}) was not measured");
        var warning = Assert.Single(result.Verdict.Warnings, w => w.Contains(rate, StringComparison.Ordinal));
        Assert.Contains("p99 send lag", warning, StringComparison.Ordinal);
        Assert.Contains("> max_send_lag_ms 250 ms", warning, StringComparison.Ordinal);

        ReliabilityLog.Fault(new FaultRecord(
            "load generator stalled during an slo-search rate stage (dispatch thread blocked)",
            "the stage counted as not measured (neither pass nor fail); the search stayed below its rate and the result warns that the client fell behind",
            null, null,
            string.Create(CultureInfo.InvariantCulture, $"p99 send lag {lagMs:0} ms at {lagging.TargetRate:0.#} req/s; {rates.Count - 1} later stages all below it; reported max rate {best:0.#} req/s"),
            nameof(A_stage_whose_client_fell_behind_caps_the_search_and_is_never_the_selected_rate)));
    }

    [Fact]
    public void The_selected_rate_is_the_highest_passing_stage_sent_on_schedule()
    {
        var job = Jobs.Remote("{kind: slo-search}", "slo: {ttft_ms: 200, attainment: 0.5}");
        job = job with { Validity = job.Validity with { MaxErrorRate = 0.3 } };
        // Both stages meet the SLO; the faster one was sent 40 ms late throughout.
        var (onSchedule, slowStage) = Measurements.OpenLoopRepetition(stage: 1, targetRate: 4);
        var (late, fastStage) = Measurements.OpenLoopRepetition(stage: 2, targetRate: 8);
        var lagging = late.Select(s => s with { SentNs = s.SentNs + ToNs(40) }).ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [.. onSchedule, .. lagging], [slowStage, fastStage])], Node);

        Assert.Equal(4, result.Headline!.TargetRate!.Value, 1e-9);
        Assert.Equal(4, Assert.Single(result.PointMetrics, m => m.Name == MetricNames.MaxRateWithinSlo).Statistics.Mean!.Value, 1e-9);
        // The selected stage's own verdict has no schedule complaint: it was sent on time.
        Assert.DoesNotContain(result.Verdict.Reasons, r => r.Contains("send lag", StringComparison.Ordinal));
        var warning = Assert.Single(result.Verdict.Warnings, w => w.Contains("not measured", StringComparison.Ordinal));
        Assert.Contains("repetition 0: 8 req/s (stage 2)", warning, StringComparison.Ordinal);
        Assert.Contains("p99 send lag 49.7 ms > max_send_lag_ms 10 ms", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repetition_whose_only_passing_stage_lagged_has_no_rate_within_the_slo()
    {
        var job = Jobs.Remote("{kind: slo-search}", "slo: {ttft_ms: 200, attainment: 0.5}");
        job = job with { Validity = job.Validity with { MaxErrorRate = 0.3 } };
        var (samples, stage) = Measurements.OpenLoopRepetition(stage: 1, targetRate: 4);
        var lagging = samples.Select(s => s with { SentNs = s.SentNs + ToNs(40) }).ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, lagging, [stage])], Node);

        Assert.Null(result.Headline);
        Assert.Equal(0, Assert.Single(result.PointMetrics, m => m.Name == MetricNames.MaxRateWithinSlo).Statistics.Mean!.Value);
        Assert.False(result.Verdict.IsValid);
        Assert.Contains(result.Verdict.Reasons, r => r.Contains("repetition 0: no tested rate met the SLOs with the client on schedule", StringComparison.Ordinal));
        Assert.Contains(result.Verdict.Warnings, w => w.Contains("4 req/s (stage 1) was not measured", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stage_is_judged_on_its_send_lag_before_its_slo()
    {
        var job = Jobs.Remote("{kind: slo-search}", "slo: {ttft_ms: 200, attainment: 0.5}");
        var thresholds = job.Validity with { MaxErrorRate = 0.3 };
        var (samples, stage) = Measurements.OpenLoopRepetition(stage: 1, targetRate: 4);
        StageRun Shifted(long lagMs) => new(samples.Select(s => s with { SentNs = s.SentNs + ToNs(lagMs) }).ToList(), stage);

        Assert.Equal(SloStageOutcome.Passed, SloSearchScenario.Judge(Shifted(0), job.Slo!, thresholds));
        Assert.Equal(SloStageOutcome.NotMeasured, SloSearchScenario.Judge(Shifted(40), job.Slo!, thresholds));
        // The same stage fails once its lag is tolerated: 40 ms late is within a 60 ms bound, but the error bound is not met.
        Assert.Equal(SloStageOutcome.Failed, SloSearchScenario.Judge(Shifted(40), job.Slo!, thresholds with { MaxSendLagMs = 60, MaxErrorRate = 0.1 }));
    }
}
