using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;

namespace BenchCluster.Measurement.Tests.Scenarios;

public sealed class MicroScenarioTests
{
    private readonly ScenarioRunner _runner = new(new RunEnvironment { NodeName = "node-a" });

    [Fact]
    public async Task Pp_decodes_the_depth_untimed_then_times_a_prompt_of_random_tokens_after_a_flagged_warmup()
    {
        var job = Jobs.From("{kind: pp, prompt_tokens: 64, parameters: {depth: [32]}}");
        var session = new FakeInferenceSession();

        var result = await _runner.RunAsync(job, session);

        Assert.Null(result.Error);
        Assert.Equal(2, session.Clears);
        // warm-up: depth 32 + prompt 64; measured: the same.
        Assert.Equal([32, 64, 32, 64], session.PromptLengths);
        Assert.Equal(FakeInferenceSession.Bos, session.Prompts[0][0]);
        Assert.All(session.Prompts.SelectMany(p => p), t => Assert.InRange(t, 0, 499));
        Assert.Equal([true, false], result.Samples.Select(s => s.IsWarmup));
        var measured = result.Samples[1];
        Assert.Equal(SampleKind.Prompt, measured.Kind);
        Assert.Equal(64, measured.PromptTokens);
        Assert.Equal(64_000_000, measured.EndNs - measured.SentNs);
        Assert.Equal("node-a", result.Provenance!.NodeName);
        Assert.Equal(new string('a', 64), result.Provenance.Model!.Sha256);
    }

    [Fact]
    public async Task Runs_repeats_the_measured_run_in_the_job_after_one_warmup_each_from_an_empty_cache()
    {
        var job = Jobs.From("{kind: pp, prompt_tokens: 8, runs: 3}");
        var session = new FakeInferenceSession();

        var result = await _runner.RunAsync(job, session);

        Assert.Null(result.Error);
        Assert.Equal(4, session.Clears);
        Assert.Equal([true, false, false, false], result.Samples.Select(s => s.IsWarmup));
        Assert.Equal([0, 1, 2, 3], result.Samples.Select(s => s.Seq));
        Assert.True(result.MeasuredStartNs <= result.Samples[1].SentNs);
        Assert.True(result.MeasuredEndNs >= result.Samples[3].EndNs);
    }

    [Fact]
    public async Task Tg_generates_with_llama_bench_sampling_and_records_every_token_time()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 16}");
        var session = new FakeInferenceSession();

        var result = await _runner.RunAsync(job, session);

        Assert.All(session.Generations, g => Assert.Equal(SamplingMode.None, g.Sampling.Mode));
        Assert.All(session.Generations, g => Assert.True(g.IgnoreEos));
        Assert.All(session.Generations, g => Assert.Empty(g.PromptTokens));
        var measured = Assert.Single(result.Samples, s => !s.IsWarmup);
        Assert.Equal(16, measured.OutputTokens);
        Assert.Equal(16, measured.RequestedOutputTokens);
        Assert.Equal(16, measured.EventNs.Length);
        Assert.All(measured.EventTokenCounts, c => Assert.Equal(1, c));
        Assert.Equal(measured.EventNs[0], measured.FirstTokenNs);
        Assert.NotEqual(session.Generations[0].Sampling.Seed, session.Generations[1].Sampling.Seed);
    }

    [Fact]
    public async Task Pg_times_the_prompt_and_the_generation_together()
    {
        var job = Jobs.From("{kind: pg, prompt_tokens: 20, output_tokens: 4}");
        var session = new FakeInferenceSession();

        var result = await _runner.RunAsync(job, session);

        var measured = result.Samples.Single(s => !s.IsWarmup);
        Assert.Equal(20, session.Generations[1].PromptTokens.Count);
        Assert.All(session.Generations, g => Assert.True(g.DecodeEveryToken));
        Assert.Equal((20, 4), (measured.PromptTokens, measured.OutputTokens));
        Assert.Equal(measured.SentNs + 20_000_000, measured.PromptEndNs);
        Assert.Equal(20_000_000 + 40_000_000, measured.EndNs - measured.SentNs);
    }

    [Fact]
    public async Task An_engine_that_stops_early_yields_a_short_count_for_the_verdict_to_catch()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 16}");
        var result = await _runner.RunAsync(job, new FakeInferenceSession { StopAfter = 9 });

        var measured = result.Samples.Single(s => !s.IsWarmup);
        Assert.Equal(9, measured.OutputTokens);
        Assert.Equal(16, measured.RequestedOutputTokens);
    }

    [Fact]
    public async Task An_engine_failure_ends_the_job_with_an_error_sample_instead_of_throwing()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 8}");
        var session = new FakeInferenceSession { FailAt = (1, new InvalidOperationException("llama_decode returned 1 (KV cache full)")) };

        var result = await _runner.RunAsync(job, session);

        Assert.Contains("KV cache full", result.Error, StringComparison.Ordinal);
        var failed = result.Samples.Single(s => !s.IsWarmup);
        Assert.False(failed.Succeeded);
    }

    [Fact]
    public async Task Batched_runs_all_sequences_together_and_keeps_one_sample_per_sequence()
    {
        var job = Jobs.From("{kind: batched, prompt_tokens: 10, output_tokens: 5, parameters: {concurrency: [3]}}");
        var session = new FakeInferenceSession();

        var result = await _runner.RunAsync(job, session);

        Assert.Equal(2, session.Batches.Count);
        Assert.All(session.Batches, b => Assert.Equal(3, b.Prompts.Count));
        Assert.All(session.Batches, b => Assert.True(b.DecodeEveryToken));
        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(3, measured.Count);
        Assert.All(measured, s => Assert.Equal(SampleKind.BatchedSequence, s.Kind));
        Assert.All(measured, s => Assert.Equal(measured[0].PromptEndNs, s.PromptEndNs));
        Assert.Equal(3, Assert.Single(result.Stages).Concurrency);
    }

    [Fact]
    public async Task Power_is_read_over_the_measured_part_only_and_only_when_the_suite_asks()
    {
        var meter = new FixedPowerMeter(42);
        var runner = new ScenarioRunner(new RunEnvironment { PowerMeter = meter });

        var measured = await runner.RunAsync(Jobs.From("{kind: tg, output_tokens: 4}"), new FakeInferenceSession());
        var unmeasured = await runner.RunAsync(Jobs.From("{kind: tg, output_tokens: 4}", "cost: {measure_power: false}"), new FakeInferenceSession());

        Assert.Equal(42, measured.MeasuredWatts);
        Assert.Equal("fixed", measured.PowerSource);
        Assert.Null(unmeasured.MeasuredWatts);
        Assert.Equal(1, meter.Windows);
    }

    [Fact]
    public async Task A_request_level_job_is_refused_on_a_session()
    {
        var job = Jobs.From("{kind: poisson, parameters: {rate: 1}}");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _runner.RunAsync(job, new FakeInferenceSession()));
        Assert.Contains("ICompletionBackend", error.Message, StringComparison.Ordinal);
    }
}
