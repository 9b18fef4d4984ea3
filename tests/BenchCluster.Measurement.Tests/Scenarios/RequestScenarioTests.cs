using BenchCluster.Engine.Completions;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Tests.Scenarios;

public sealed class RequestScenarioTests
{
    private readonly ScenarioRunner _runner = new();

    [Fact]
    public async Task Concurrency_keeps_n_requests_in_flight_and_warms_every_slot_first()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 12, workload: {output_tokens: 3}, parameters: {concurrency: [3]}}");
        var backend = new FakeCompletionBackend((r, _) => ScriptedResponse.Steady(r.MaxTokens, 1_000_000, 1_000_000)) { HoldNs = 2_000_000 };

        var result = await _runner.RunAsync(job, backend);

        Assert.Null(result.Error);
        Assert.Equal(3, result.Samples.Count(s => s.IsWarmup));
        Assert.Equal(12, result.Samples.Count(s => !s.IsWarmup));
        Assert.InRange(backend.MaxInFlight, 2, 3);
        Assert.All(result.Samples, s => Assert.Null(s.ScheduledNs));
        Assert.Equal(Enumerable.Range(0, 15), result.Samples.Select(s => s.Seq));
        Assert.Equal(3, Assert.Single(result.Stages).Concurrency);
    }

    [Fact]
    public async Task Poisson_sends_on_schedule_and_records_scheduled_and_sent_times()
    {
        var job = Jobs.Remote("{kind: poisson, requests: 40, workload: {output_tokens: 2}, parameters: {rate: [400]}}");
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);

        var result = await _runner.RunAsync(job, backend);

        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(40, measured.Count);
        Assert.All(measured, s => Assert.NotNull(s.ScheduledNs));
        Assert.All(measured, s => Assert.True(s.SentNs >= s.ScheduledNs));
        Assert.Equal(measured.OrderBy(s => s.ScheduledNs).Select(s => s.Seq), measured.Select(s => s.Seq));
        var stage = Assert.Single(result.Stages);
        Assert.Equal(400, stage.TargetRate);
        Assert.Equal(1, stage.Burstiness);
        // The last arrival is scheduled at count / rate after the stage start.
        Assert.Equal(100_000_000, measured.Max(s => s.ScheduledNs!.Value) - stage.StartNs);
    }

    [Fact]
    public async Task Gamma_records_its_burstiness()
    {
        var job = Jobs.Remote("{kind: gamma, burstiness: 0.5, requests: 10, workload: {output_tokens: 2}, parameters: {rate: [500]}}");
        var result = await _runner.RunAsync(job, FakeCompletionBackend.Steady(1, 1));

        Assert.Equal(0.5, Assert.Single(result.Stages).Burstiness);
    }

    [Fact]
    public async Task Failed_requests_are_kept_with_their_error_and_the_run_goes_on()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 6, workload: {output_tokens: 2}, parameters: {concurrency: [1]}}");
        var backend = new FakeCompletionBackend((r, call) => call % 2 == 0
            ? new ScriptedResponse { Failure = new CompletionException("upstream said 503", CompletionFailureKind.ServerError, 503) }
            : ScriptedResponse.Steady(r.MaxTokens, 1_000_000, 1_000_000));

        var result = await _runner.RunAsync(job, backend);

        Assert.Null(result.Error);
        var failed = result.Samples.Where(s => !s.Succeeded).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, s => Assert.StartsWith("ServerError 503: upstream said 503", s.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Multi_token_events_and_server_usage_are_stored_as_they_came()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 1, workload: {output_tokens: 5}, parameters: {concurrency: [1]}}") with { Warmup = 0 };
        var backend = new FakeCompletionBackend((_, _) => new ScriptedResponse
        {
            Events = [new ScriptedEvent(10_000_000, 2), new ScriptedEvent(20_000_000, 3)],
            ServerPromptTokens = 77,
            ServerOutputTokens = 5,
        });

        var result = await _runner.RunAsync(job, backend);

        var sample = Assert.Single(result.Samples);
        Assert.Equal([2, 3], sample.EventTokenCounts);
        Assert.Equal(10_000_000, sample.EventNs[1] - sample.EventNs[0]);
        Assert.Equal((5, 5, 77), (sample.OutputTokens, sample.ServerOutputTokens!.Value, sample.ServerPromptTokens!.Value));
        Assert.Equal(5, sample.RequestedOutputTokens);
    }

    [Fact]
    public async Task Requests_ask_for_exact_lengths_with_ignore_eos_and_unique_prompts()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 5, workload: {prompt_tokens: 50, output_tokens: 7}, parameters: {concurrency: [1]}}");
        var backend = FakeCompletionBackend.Steady(1, 1);

        await _runner.RunAsync(job, backend);

        Assert.All(backend.Requests, r => Assert.True(r.IgnoreEos));
        Assert.All(backend.Requests, r => Assert.Equal(7, r.MaxTokens));
        Assert.Equal(backend.Requests.Count, backend.Requests.Select(r => r.Prompt).Distinct().Count());
        Assert.All(backend.Requests, r => Assert.InRange(r.Prompt!.Length, 150, 200));
    }

    [Fact]
    public async Task With_a_tokenizer_prompts_are_exact_token_windows()
    {
        var job = Jobs.From("{kind: concurrency, requests: 3, workload: {prompt_tokens: 40, output_tokens: 2}, parameters: {concurrency: [1]}}");
        var backend = FakeCompletionBackend.Steady(1, 1);

        var result = await _runner.RunAsync(job, backend, new SessionPromptTokenizer(new FakeInferenceSession()));

        Assert.All(backend.Requests, r => Assert.Equal(40, r.PromptTokens!.Count));
        Assert.All(backend.Requests, r => Assert.Null(r.Prompt));
        Assert.All(result.Samples, s => Assert.Equal(40, s.PromptTokens));
    }

    [Fact]
    public async Task Sweep_runs_synchronous_throughput_then_rates_between_them()
    {
        var job = Jobs.Remote("{kind: sweep, requests: 6, sweep_points: 4, max_concurrency: 4, workload: {output_tokens: 2}}");
        var backend = new FakeCompletionBackend((r, _) => ScriptedResponse.Steady(r.MaxTokens, 1_000_000, 1_000_000)) { HoldNs = 1_000_000 };

        var result = await _runner.RunAsync(job, backend);

        Assert.Null(result.Error);
        Assert.Equal([StageKind.Synchronous, StageKind.Throughput, StageKind.Rate, StageKind.Rate], result.Stages.Select(s => s.Kind));
        Assert.Equal([0, 1, 2, 3], result.Stages.Select(s => s.Index));
        Assert.True(result.Stages[2].TargetRate <= result.Stages[3].TargetRate);
        Assert.Null(result.Stages[2].Burstiness);
        Assert.All(result.Samples.Where(s => !s.IsWarmup), s => Assert.InRange(s.Stage, 0, 3));
        Assert.Equal(4, result.Samples.Count(s => s.IsWarmup));
    }

    [Fact]
    public async Task Slo_search_stops_at_the_throughput_rate_when_it_passes()
    {
        // Send lag is SloSearchSendLagTests' subject: here a generous bound keeps a loaded test machine's scheduling
        // delays (tens of ms) from marking the passing stage "not measured" and sending the search on.
        var job = Jobs.Remote("{kind: slo-search, requests: 5, max_concurrency: 2, workload: {output_tokens: 2}}", "slo: {e2el_ms: 100000}\nvalidity: {max_send_lag_ms: 5000}");
        var result = await _runner.RunAsync(job, FakeCompletionBackend.Steady(1, 1));

        Assert.Equal([StageKind.Throughput, StageKind.Rate], result.Stages.Select(s => s.Kind));
    }

    [Fact]
    public async Task Slo_search_bisects_when_no_request_can_meet_the_slo()
    {
        var job = Jobs.Remote("{kind: slo-search, requests: 4, search_steps: 3, max_concurrency: 2, workload: {output_tokens: 2}}", "slo: {ttft_ms: 5}");
        // Every first token takes 50 ms (on the synthetic timeline): the SLO never holds.
        var result = await _runner.RunAsync(job, FakeCompletionBackend.Steady(ttftMs: 50, gapMs: 1));

        var rates = result.Stages.Where(s => s.Kind == StageKind.Rate).Select(s => s.TargetRate!.Value).ToList();
        Assert.Equal(4, rates.Count);
        // Nothing passes, so each step halves the rate below the throughput probe's.
        Assert.InRange(rates[1] / rates[0], 0.4999999, 0.5000001);
        Assert.InRange(rates[2] / rates[0], 0.2499999, 0.2500001);
        Assert.InRange(rates[3] / rates[0], 0.1249999, 0.1250001);
    }

    [Fact]
    public async Task A_micro_job_is_refused_on_a_backend()
    {
        var job = Jobs.From("{kind: tg}");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _runner.RunAsync(job, FakeCompletionBackend.Steady()));
        Assert.Contains("IInferenceSession", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        var job = Jobs.Remote("{kind: poisson, requests: 1000, workload: {output_tokens: 2}, parameters: {rate: [1]}}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunAsync(job, FakeCompletionBackend.Steady(1, 1), cancellationToken: cancel.Token));
    }
}
