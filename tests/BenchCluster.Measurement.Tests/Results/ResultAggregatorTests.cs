using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Tests.Scenarios;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Results;

public sealed class ResultAggregatorTests
{
    private static readonly CostInputs Node = new() { HardwareUsdPerHour = 3.6 };

    [Fact]
    public void Micro_tokens_per_second_is_the_mean_and_stddev_of_per_repetition_rates_like_llama_bench()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}") with { RepetitionCount = 3 };
        // A CV of 1 % over 3 repetitions: its upper 95 % bound (4.4 %) stays under max_cv 10 %.
        var reps = new[] { 100.0, 101, 99 }
            .Select((rate, i) => Measurements.Of(job, i, [Measurements.Tg(1000, warmup: true, seq: 0), Measurements.Tg(rate)]))
            .ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        var tps = result.Headline!.Metric(MetricNames.TokensPerSecond)!;
        Assert.Equal(MetricPooling.PerRepetition, tps.Pooling);
        Assert.Equal(3, tps.Statistics.N);
        Assert.Equal(100, tps.Statistics.Mean!.Value, 1e-6);
        Assert.Equal(1, tps.Statistics.StdDev!.Value, 1e-6);
        Assert.True(result.Verdict.IsValid, string.Join("; ", result.Verdict.Reasons));
        // 3.6 $/h at 100 tokens/s: 10 $ per 1M output tokens; the warm-up at 1000 t/s is not counted.
        Assert.Equal(10, result.Cost!.OutputUsdPerMillion!.Value, 1e-6);
        Assert.Null(result.Cost.InputUsdPerMillion);
        Assert.Equal(3, result.RepetitionsMeasured);
    }

    [Fact]
    public void Each_repetitions_headline_is_kept_in_order_for_compare()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}") with { RepetitionCount = 3 };
        var reps = new[] { 100.0, 105, 95 }
            .Select((rate, i) => Measurements.Of(job, i, [Measurements.Tg(1000, warmup: true, seq: 0), Measurements.Tg(rate)]))
            .ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.NotNull(result.HeadlineValues);
        Assert.Equal([100.0, 105, 95], result.HeadlineValues.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void A_short_generation_makes_a_micro_result_invalid()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}") with { RepetitionCount = 3 };
        var reps = Enumerable.Range(0, 3)
            .Select(i => Measurements.Of(job, i, [Measurements.Tg(100, tokens: i == 1 ? 20 : 32) with { RequestedOutputTokens = 32 }]))
            .ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.False(result.Verdict.IsValid);
        Assert.Contains(result.Verdict.Reasons, r => r.Contains("1 of 3 request(s) generated a different number of tokens", StringComparison.Ordinal));
    }

    [Fact]
    public void Request_level_throughputs_latencies_error_rate_and_goodput_follow_their_formulas()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}", "slo: {ttft_ms: 120}") with { RepetitionCount = 2 };
        var reps = Enumerable.Range(0, 2).Select(i =>
        {
            var (samples, stage) = Measurements.OpenLoopRepetition();
            return Measurements.Of(job, i, samples, [stage]);
        }).ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);
        var stage = result.Headline!;

        // Per repetition over the 2 s window: 3 completed requests, 9 output and 30 input tokens.
        Assert.Equal(1.5, stage.Mean(MetricNames.RequestThroughput)!.Value, 1e-9);
        Assert.Equal(4.5, stage.Mean(MetricNames.OutputTokenThroughput)!.Value, 1e-9);
        Assert.Equal([4.5, 4.5], result.HeadlineValues!.Select(v => Math.Round(v, 9)));
        Assert.Equal(15, stage.Mean(MetricNames.InputTokenThroughput)!.Value, 1e-9);
        Assert.Equal(19.5, stage.Mean(MetricNames.TotalTokenThroughput)!.Value, 1e-9);
        Assert.Equal(0.25, stage.Mean(MetricNames.ErrorRate)!.Value, 1e-9);
        Assert.Equal(4, stage.Mean(MetricNames.AchievedRate)!.Value, 1e-9);
        // Latencies pool the successful requests of both repetitions; the failed one is only in the error rate.
        var ttft = stage.Metric(MetricNames.TtftMs)!.Statistics;
        Assert.Equal(6, ttft.N);
        Assert.Equal(350.0 / 3, ttft.Mean!.Value, 1e-9);
        Assert.Equal(40.0 / 3, stage.Mean(MetricNames.TpotMs)!.Value, 1e-9);
        Assert.Equal(90, stage.Metric(MetricNames.TtftFromSendMs)!.Statistics.Min!.Value, 1e-9);
        Assert.Equal(10, stage.Metric(MetricNames.SendLagMs)!.Statistics.Max!.Value, 1e-9);
        Assert.Equal(12, stage.Metric(MetricNames.ItlMs)!.Statistics.N);
        // Good requests (TTFT ≤ 120 ms): the first and third.
        Assert.Equal(1, stage.Mean(MetricNames.Goodput)!.Value, 1e-9);
        Assert.Equal(0.5, stage.Mean(MetricNames.SloAttainment)!.Value, 1e-9);
        Assert.Equal(3, stage.Mean(MetricNames.GoodOutputTokenThroughput)!.Value, 1e-9);
    }

    [Fact]
    public void Request_latency_confidence_interval_comes_from_repetition_means()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}") with { RepetitionCount = 3 };
        // Repetition r: four requests with TTFT 100 + 20·r ms (±1 ms), so the repetitions' means are 100, 120, 140.
        var reps = Enumerable.Range(0, 3).Select(r =>
        {
            var samples = Enumerable.Range(0, 4)
                .Select(i => Request(i * 250, [(i * 250) + 100 + (20 * r) + (i % 2 == 0 ? -1 : 1), (i * 250) + 150 + (20 * r)], scheduledMs: i * 250, seq: i))
                .ToList();
            var stage = new StageInfo { Index = 0, Kind = StageKind.Steady, TargetRate = 4, Burstiness = 1, StartNs = 0, EndNs = ToNs(1000) };
            return Measurements.Of(job, r, samples, [stage]);
        }).ToList();

        var ttft = ResultAggregator.Aggregate(job.Point, job, reps, Node).Headline!.Metric(MetricNames.TtftMs)!;

        Assert.Equal(MetricPooling.PerRequest, ttft.Pooling);
        Assert.Equal(12, ttft.Statistics.N);
        // t(0.975, 2) · 20 / √3 = 49.68 around 120; the 12 pooled requests alone would claim about ±11.
        var half = 4.302652729911275 * 20 / Math.Sqrt(3);
        Assert.Equal(120 - half, ttft.Statistics.CiLower!.Value, 1e-6);
        Assert.Equal(120 + half, ttft.Statistics.CiUpper!.Value, 1e-6);
    }

    [Fact]
    public void Request_level_verdict_reports_errors_and_the_slo_percentile()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}", "slo: {ttft_ms: 120}") with { RepetitionCount = 2 };
        var reps = Enumerable.Range(0, 2).Select(i =>
        {
            var (samples, stage) = Measurements.OpenLoopRepetition();
            return Measurements.Of(job, i, samples, [stage]);
        }).ToList();

        var verdict = ResultAggregator.Aggregate(job.Point, job, reps, Node).Verdict;

        Assert.False(verdict.IsValid);
        Assert.Contains(verdict.Reasons, r => r.Contains("error rate 25", StringComparison.Ordinal));
        Assert.Contains(verdict.Reasons, r => r.Contains("p99 ttft_ms", StringComparison.Ordinal) && r.Contains("exceeds the SLO bound 120", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Reasons, r => r.Contains("fell behind", StringComparison.Ordinal));
    }

    [Fact]
    public void Cost_of_request_level_runs_is_charged_to_the_useful_throughput()
    {
        var job = Jobs.From("{kind: poisson, parameters: {rate: [4]}}", "slo: {ttft_ms: 120}") with { RepetitionCount = 2 };
        var reps = Enumerable.Range(0, 2).Select(i =>
        {
            var (samples, stage) = Measurements.OpenLoopRepetition();
            return Measurements.Of(job, i, samples, [stage]);
        }).ToList();

        var cost = ResultAggregator.Aggregate(job.Point, job, reps, Node).Cost!;

        // Good requests carry 13 tokens each: 26 per 2 s = 13 tokens/s; goodput 1 request/s.
        Assert.Equal(3.6 / (13 * 3600) * 1e6, cost.WorkloadUsdPerMillion!.Value, 1e-9);
        Assert.Equal(3.6 / (3 * 3600) * 1e6, cost.WorkloadOutputUsdPerMillion!.Value, 1e-9);
        Assert.Equal(0.001, cost.UsdPerRequest!.Value, 1e-12);
        Assert.StartsWith("goodput within SLO at 4 req/s", cost.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_endpoints_are_costed_from_their_price_sheet_over_the_tokens_used()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}", "slo: {ttft_ms: 120}") with { RepetitionCount = 2 };
        var reps = Enumerable.Range(0, 2).Select(i =>
        {
            var (samples, stage) = Measurements.OpenLoopRepetition();
            return Measurements.Of(job, i, samples, [stage]);
        }).ToList();
        var inputs = CostInputs.Resolve(BenchCluster.Measurement.Suite.CostSpec.Default, null, job.Model);

        var cost = ResultAggregator.Aggregate(job.Point, job, reps, inputs).Cost!;

        // 6 successful requests: 60 input × 1 $ + 18 output × 2 $ per 1M = 96 µ$; 4 good requests, 52 good tokens.
        Assert.Equal(1, cost.InputUsdPerMillion);
        Assert.Equal(2, cost.OutputUsdPerMillion);
        Assert.Equal(1.25, cost.BlendedUsdPerMillion!.Value, 1e-12);
        Assert.Equal(96e-6 / 4, cost.UsdPerRequest!.Value, 1e-15);
        Assert.Equal(96e-6 / 52 * 1e6, cost.WorkloadUsdPerMillion!.Value, 1e-9);
        Assert.Null(cost.UsdPerHour);
    }

    [Fact]
    public void Warm_up_samples_never_enter_a_statistic()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}") with { RepetitionCount = 1 };
        var (samples, stage) = Measurements.OpenLoopRepetition();
        var warm = Request(0, [5000, 5001], seq: 99) with { IsWarmup = true };

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [.. samples, warm], [stage])], Node);

        Assert.Equal(150, result.Headline!.Metric(MetricNames.TtftMs)!.Statistics.Max!.Value, 1e-9);
        Assert.Equal(3, result.Headline.Succeeded);
    }

    [Fact]
    public void A_client_that_fell_behind_is_invalid()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}") with { RepetitionCount = 1 };
        var (samples, stage) = Measurements.OpenLoopRepetition();
        // Every send 200 ms late: achieved 4 / 1.2 s.
        var late = samples.Select(s => s with { SentNs = s.SentNs + ToNs(200) }).ToList();

        var verdict = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, late, [stage])], Node).Verdict;

        Assert.Contains(verdict.Reasons, r => r.Contains("fell behind: achieved 3.333 req/s of 4", StringComparison.Ordinal));
        Assert.Contains(verdict.Reasons, r => r.Contains("p99 send lag", StringComparison.Ordinal));
    }

    [Fact]
    public void Batched_throughputs_follow_llama_batched_bench()
    {
        var job = Jobs.From("{kind: batched, prompt_tokens: 10, output_tokens: 5, parameters: {concurrency: [2]}}") with { RepetitionCount = 1 };
        Sample Sequence(int seq) => new()
        {
            Seq = seq,
            Kind = SampleKind.BatchedSequence,
            SentNs = 0,
            // As llama-batched-bench: 5 generation steps of 10 ms after the prompts, one token per sequence each.
            PromptEndNs = ToNs(20),
            FirstTokenNs = ToNs(30),
            EndNs = ToNs(70),
            EventNs = [ToNs(30), ToNs(40), ToNs(50), ToNs(60), ToNs(70)],
            EventTokenCounts = [1, 1, 1, 1, 1],
            PromptTokens = 10,
            OutputTokens = 5,
            RequestedOutputTokens = 5,
        };

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [Sequence(0), Sequence(1)])], Node);
        var stage = result.Headline!;

        Assert.Equal(1000, stage.Mean(MetricNames.BatchedPromptTokensPerSecond)!.Value, 1e-6);
        Assert.Equal(200, stage.Mean(MetricNames.BatchedGenerationTokensPerSecond)!.Value, 1e-6);
        Assert.Equal(30 / 0.070, stage.Mean(MetricNames.BatchedTotalTokensPerSecond)!.Value, 1e-6);
        Assert.Equal(10, stage.Mean(MetricNames.TpotMs)!.Value, 1e-9);
        Assert.NotNull(result.Cost!.BlendedUsdPerMillion);
    }

    [Fact]
    public void Slo_search_reports_each_repetitions_highest_passing_rate()
    {
        var job = Jobs.Remote("{kind: slo-search}", "slo: {ttft_ms: 200, attainment: 0.5}") with { RepetitionCount = 2 };
        JobMeasurement Repetition(int repetition, double passingRate)
        {
            var (passing, passingStage) = Measurements.OpenLoopRepetition(stage: 1, targetRate: passingRate);
            var (failing, failingStage) = Measurements.OpenLoopRepetition(stage: 2, targetRate: passingRate * 2);
            var slow = failing.Select(s => s with { EventNs = [.. s.EventNs.Select(e => e + ToNs(500))], FirstTokenNs = s.FirstTokenNs + ToNs(500) }).ToList();
            // With one failed request in four, the passing stage needs max_error_rate ≥ 25 %.
            return Measurements.Of(job, repetition, [.. passing, .. slow], [passingStage, failingStage]);
        }
        job = job with { Validity = job.Validity with { MaxErrorRate = 0.3 } };

        var result = ResultAggregator.Aggregate(job.Point, job, [Repetition(0, 4), Repetition(1, 6)], Node);

        var best = Assert.Single(result.PointMetrics, m => m.Name == MetricNames.MaxRateWithinSlo).Statistics;
        Assert.Equal(5, best.Mean!.Value, 1e-9);
        Assert.Equal(ResultAggregator.SelectedStageIndex, result.Headline!.Index);
        Assert.Equal(5, result.Headline.TargetRate!.Value, 1e-9);
        Assert.Equal(6, result.Headline.Succeeded);
    }

    [Fact]
    public void Missing_repetitions_make_the_point_invalid()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}") with { RepetitionCount = 3 };
        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [Measurements.Tg(100)])], Node);

        Assert.False(result.Verdict.IsValid);
        Assert.Contains(result.Verdict.Reasons, r => r.Contains("1 of 3 repetitions", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_job_is_named_in_the_point_verdict()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}") with { RepetitionCount = 3 };
        var reps = Enumerable.Range(0, 3).Select(i => Measurements.Of(job, i, [Measurements.Tg(100)])).ToList();
        reps[2] = reps[2] with { Error = "InferenceException: llama_decode returned 1" };

        var verdict = ResultAggregator.Aggregate(job.Point, job, reps, Node).Verdict;

        Assert.False(verdict.IsValid);
        Assert.Contains(verdict.Reasons, r => r == "point: repetition 2 failed: InferenceException: llama_decode returned 1");
    }

    [Fact]
    public void Measured_power_of_every_repetition_feeds_the_energy_cost()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}") with { RepetitionCount = 2 };
        var reps = Enumerable.Range(0, 2).Select(i => Measurements.Of(job, i, [Measurements.Tg(100)], watts: 100 + (i * 20))).ToList();

        var cost = ResultAggregator.Aggregate(job.Point, job, reps, Node with { UsdPerKwh = 0.5, ConfiguredWatts = 500 }).Cost!;

        Assert.Equal(110, cost.Watts);
        Assert.Equal("measured:rapl:test", cost.WattsSource);
        Assert.Equal(0.055, cost.EnergyUsdPerHour!.Value, 1e-12);
        Assert.Equal(3.655, cost.UsdPerHour!.Value, 1e-12);
    }
}
