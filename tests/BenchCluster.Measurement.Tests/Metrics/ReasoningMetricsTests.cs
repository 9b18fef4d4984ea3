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

/// <summary>TTFO and the reasoning/answer split (issue 13, item 5).</summary>
public sealed class ReasoningMetricsTests
{
    [Fact]
    public void Ttfo_runs_from_the_latency_origin_to_the_first_answer_token_and_the_output_splits_in_two()
    {
        var sample = Request(0, [100, 110, 120, 300, 310], scheduledMs: -20) with { ReasoningTokens = 3, FirstOutputNs = ToNs(300) };

        Assert.Equal(320, ReasoningMetrics.TtfoMs(sample)!.Value, 1e-9);
        Assert.Equal(120, RequestMetrics.TtftMs(sample)!.Value, 1e-9);
        Assert.Equal(3, ReasoningMetrics.ReasoningTokens(sample));
        Assert.Equal(2, ReasoningMetrics.AnswerTokens(sample));
    }

    [Fact]
    public void A_request_that_never_reasoned_has_no_ttfo_and_one_that_ran_out_while_reasoning_is_counted_apart()
    {
        var plain = Request(0, [100, 110]);
        var unfinished = Request(0, [100, 110]) with { ReasoningTokens = 2 };

        Assert.Null(ReasoningMetrics.TtfoMs(plain));
        Assert.Null(ReasoningMetrics.AnswerTokens(plain));
        Assert.Null(ReasoningMetrics.TtfoMs(unfinished));
        Assert.True(ReasoningMetrics.EndedWhileReasoning(unfinished));
        Assert.False(ReasoningMetrics.EndedWhileReasoning(plain));
    }

    [Fact]
    public void A_request_that_timed_out_while_reasoning_enters_ttfo_at_its_whole_wait()
    {
        var sample = Request(0, [100, 110], endMs: 5000, error: Sample.TimeoutError("no next event arrived within idle_timeout = 4.9 s.")) with { ReasoningTokens = 2 };

        Assert.Equal(5000, ReasoningMetrics.TtfoMs(sample)!.Value, 1e-9);
    }

    [Fact]
    public async Task The_request_executor_records_reasoning_tokens_and_the_first_answer_event()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 1, workload: {output_tokens: 5}, parameters: {concurrency: [1]}}") with { RepetitionCount = 1 };
        var backend = new FakeCompletionBackend((_, _) => new ScriptedResponse
        {
            Events = [new(ToNs(10), 1, Reasoning: 1), new(ToNs(20), 2, Reasoning: 2), new(ToNs(30), 2, Reasoning: 1), new(ToNs(40), 1)],
            ServerOutputTokens = 6,
        });

        var result = await new ScenarioRunner().RunAsync(job, backend);

        var sample = result.Samples.First(s => !s.IsWarmup);
        Assert.Equal(4, sample.ReasoningTokens);
        // The third event carried the first answer token (one of its two was reasoning).
        Assert.Equal(sample.EventNs[2], sample.FirstOutputNs);
        Assert.True(sample.TokenCountsExact);
    }

    [Fact]
    public void Reasoning_metrics_appear_only_for_stages_where_a_request_reasoned()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 2, parameters: {concurrency: [1]}}") with { RepetitionCount = 1 };
        var plain = new[] { Request(0, [50, 60], seq: 0), Request(100, [150, 160], seq: 1) };
        var reasoned = plain.Select(s => s with { ReasoningTokens = 1, FirstOutputNs = s.EventNs[1] }).ToArray();

        var without = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, plain)], new CostInputs());
        var with = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, reasoned)], new CostInputs());

        Assert.Null(without.Headline!.Metric(MetricNames.TtfoMs));
        Assert.Equal(60, with.Headline!.Metric(MetricNames.TtfoMs)!.Statistics.Median!.Value, 1e-9);
        Assert.Equal(1, with.Headline.Mean(MetricNames.AnswerTokens)!.Value, 1e-9);
    }
}
