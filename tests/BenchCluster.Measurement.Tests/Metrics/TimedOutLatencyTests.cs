using BenchCluster.Engine.Completions;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Results;
using BenchCluster.Measurement.Tests.Scenarios;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Metrics;

/// <summary>Timed-out requests enter TTFT and E2EL at their elapsed time, at least the timeout (issue 11, item 5).</summary>
public sealed class TimedOutLatencyTests
{
    private static readonly string FirstEventTimeout = Sample.TimeoutError("Timeout on http://x/v1: no first event arrived within first_event_timeout = 5 s.");

    [Fact]
    public void A_request_that_saw_no_token_counts_its_whole_wait_as_ttft_and_e2el()
    {
        var sample = Request(0, [], endMs: 5003, error: FirstEventTimeout);

        Assert.True(sample.TimedOut);
        Assert.False(sample.Succeeded);
        Assert.Equal(5003, RequestMetrics.TtftMs(sample)!.Value, 1e-9);
        Assert.Equal(5003, RequestMetrics.E2elMs(sample)!.Value, 1e-9);
        Assert.Null(RequestMetrics.TpotMs(sample));
    }

    [Fact]
    public void An_idle_timeout_keeps_the_real_ttft_and_counts_e2el_to_the_give_up()
    {
        var sample = Request(0, [40, 50], endMs: 30050, error: Sample.TimeoutError("no next event arrived within idle_timeout = 30 s."));

        Assert.Equal(40, RequestMetrics.TtftMs(sample)!.Value, 1e-9);
        Assert.Equal(30050, RequestMetrics.E2elMs(sample)!.Value, 1e-9);
    }

    [Fact]
    public void Other_failures_still_have_no_latency()
    {
        var sample = Request(0, [], endMs: 20, error: "ServerError 503: busy");

        Assert.False(sample.TimedOut);
        Assert.Null(RequestMetrics.TtftMs(sample));
        Assert.Null(RequestMetrics.E2elMs(sample));
    }

    [Fact]
    public async Task The_request_executor_marks_a_client_timeout()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 2, workload: {output_tokens: 2}, parameters: {concurrency: [1]}}");
        var backend = new FakeCompletionBackend((_, _) => new ScriptedResponse
        {
            Failure = new CompletionException("Timeout on http://x/v1: no first event arrived within first_event_timeout = 5 s.", CompletionFailureKind.Timeout),
        });

        var result = await new ScenarioRunner().RunAsync(job, backend);

        Assert.NotEmpty(result.Samples);
        Assert.All(result.Samples, s => Assert.True(s.TimedOut, s.Error));
    }

    [Fact]
    public void A_timed_out_request_lifts_the_tail_and_fails_the_slo_without_counting_as_good()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}", "slo: {ttft_ms: 6000}") with { RepetitionCount = 1 };
        // Nine requests with a 100 ms TTFT, then one that waited 5 s for a first event and gave up.
        var samples = Enumerable.Range(0, 9).Select(i => Request(i * 100, [(i * 100) + 100, (i * 100) + 110], scheduledMs: i * 100, seq: i))
            .Append(Request(900, [], endMs: 5903, scheduledMs: 900, error: FirstEventTimeout, seq: 9))
            .ToList();
        var stage = new StageInfo { Index = 0, Kind = StageKind.Steady, TargetRate = 10, Burstiness = 1, StartNs = 0, EndNs = ToNs(6000) };

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, samples, [stage])], new CostInputs());
        var ttft = result.Headline!.Metric(MetricNames.TtftMs)!.Statistics;

        Assert.Equal(10, ttft.N);
        Assert.Equal(5003, ttft.Max!.Value, 1e-9);
        Assert.True(ttft.P99 > 4000, $"p99 {ttft.P99}");
        Assert.Equal(0.1, result.Headline.Mean(MetricNames.ErrorRate)!.Value, 1e-9);
        Assert.Equal(0.9, result.Headline.Mean(MetricNames.SloAttainment)!.Value, 1e-9);
    }
}
