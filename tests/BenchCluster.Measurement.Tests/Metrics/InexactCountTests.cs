using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Results;
using BenchCluster.Measurement.Tests.Scenarios;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Metrics;

/// <summary>Per-token ITL is withheld, not replaced by event gaps, where the stream's token counts were guesses (issue 13, item 7).</summary>
public sealed class InexactCountTests
{
    [Fact]
    public void Guessed_counts_give_no_per_token_itl_but_keep_their_event_gaps()
    {
        var exact = Request(0, [100, 120, 160], tokens: [1, 2, 1]) with { TokenCountsExact = true };
        var guessed = exact with { TokenCountsExact = false };

        Assert.Equal([10, 10, 40], RequestMetrics.ItlMs(exact));
        Assert.Empty(RequestMetrics.ItlMs(guessed));
        Assert.Equal([20, 40], RequestMetrics.EventGapMs(guessed));
        // Samples stored before exactness was recorded keep their ITL.
        Assert.Equal(3, RequestMetrics.ItlMs(exact with { TokenCountsExact = null }).Count());
    }

    [Fact]
    public async Task The_request_executor_marks_a_stream_with_any_guessed_count_as_inexact()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 1, workload: {output_tokens: 2}, parameters: {concurrency: [1]}}") with { RepetitionCount = 1 };
        var backend = new FakeCompletionBackend((_, _) => new ScriptedResponse
        {
            Events = [new(ToNs(10), 1), new(ToNs(20), 1, Exact: false)],
            ServerOutputTokens = 2,
        });

        var result = await new ScenarioRunner().RunAsync(job, backend);

        Assert.All(result.Samples, s => Assert.False(s.TokenCountsExact));
    }

    [Fact]
    public void A_stage_with_guessed_counts_warns_and_its_itl_comes_only_from_exact_requests()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 2, parameters: {concurrency: [1]}}") with { RepetitionCount = 1 };
        var samples = new[]
        {
            Request(0, [50, 60, 70], seq: 0) with { TokenCountsExact = true },
            Request(100, [150, 250, 350], seq: 1) with { TokenCountsExact = false },
        };

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, samples)], new CostInputs());

        var itl = result.Headline!.Metric(MetricNames.ItlMs)!.Statistics;
        Assert.Equal(2, itl.N);
        Assert.Equal(10, itl.Max!.Value, 1e-9);
        Assert.Equal(4, result.Headline.Metric(MetricNames.EventGapMs)!.Statistics.N);
        Assert.Contains(result.Verdict.Warnings, w => w.Contains("1 request(s): the server sent no per-chunk token counts", StringComparison.Ordinal));
    }
}
