using BenchCluster.EngineChild;
using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Serving.Tests;

/// <summary>
/// A multi-turn, shared-prefix job on the forged tiny model: in-process, the second turn of every conversation reuses
/// the slot's KV cache for at least the whole first turn; through `benchcluster serve` the same reuse comes back as
/// usage.prompt_tokens_details.cached_tokens and lands in the samples, with token prompts and with chat messages.
/// </summary>
public sealed class ConversationEndToEndTests : IAsyncLifetime
{
    private const int Requests = 6;
    private const int PrefixTokens = 24;

    // One user and one slot, so each conversation's next turn finds its own slot (several users may take each other's).
    private static readonly JobSpec Job = MatrixExpander.Expand(new SuiteParser().Parse($$$"""
        repetitions: 1
        warmup: 0
        validity: {min_duration_s: 0}
        models: [{preset: tiny, type: f16}]
        scenarios:
          - {kind: concurrency, requests: {{{Requests}}}, workload: {prompt_tokens: 40, output_tokens: 8, conversation: {turns: 2}, shared_prefix: {tokens: {{{PrefixTokens}}}, users: 1}}, parameters: {concurrency: [1]}}
        """)).Jobs[0];

    private TinyJobEngine? _tiny;

    public async Task InitializeAsync() => _tiny = await TinyJobEngine.StartAsync(Job);

    public async Task DisposeAsync()
    {
        if (_tiny is not null)
            await _tiny.DisposeAsync();
    }

    private TinyJobEngine Tiny => _tiny ?? throw new InvalidOperationException("not initialized");

    private ContinuousBatchingBackend Engine => Tiny.Engine;

    [Fact]
    public async Task In_process_and_served_with_token_prompts_the_second_turn_reuses_the_whole_first_turn()
    {
        var runner = new ScenarioRunner();
        var tokenizer = new InProcessPromptTokenizer(Engine);

        var inProcess = await runner.RunAsync(Job, Engine, tokenizer);
        JobMeasurement served;
        await using (var endpoint = await ServedEndpoint.StartAsync(Engine))
            served = await runner.RunAsync(Job, endpoint.Client, tokenizer);

        foreach (var (path, run) in new[] { ("in-process", inProcess), ("served", served) })
        {
            var turns = Conversations(run, path);
            foreach (var (first, second) in turns)
            {
                Assert.Equal(40, first.PromptTokens);
                Assert.True(second.PromptTokens > first.PromptTokens + 8, $"{path}: turn 1 prompt {second.PromptTokens}");
                // The slot holds the first prompt and its answer: at least the first prompt is reused.
                Assert.InRange(second.CachedPromptTokens!.Value, first.PromptTokens, second.PromptTokens - 1);
                Assert.InRange(first.CachedPromptTokens!.Value, 0, PrefixTokens);
            }
            // After the first conversation the slot holds the shared system prompt for every later one.
            Assert.All(turns.Skip(1), t => Assert.True(t.First.CachedPromptTokens >= PrefixTokens, $"{path}: {t.First.CachedPromptTokens}"));
        }
    }

    [Fact]
    public async Task Chat_messages_through_serve_are_templated_and_the_second_turn_is_served_from_the_cache()
    {
        await using var endpoint = await ServedEndpoint.StartAsync(Engine, chat: true);

        var served = await new ScenarioRunner().RunAsync(Job, endpoint.Client);

        foreach (var (first, second) in Conversations(served, "chat"))
        {
            Assert.NotNull(first.ServerPromptTokens);
            Assert.True(second.CachedPromptTokens >= first.ServerPromptTokens / 2, $"turn 0 {first.ServerPromptTokens} tokens, turn 1 reused {second.CachedPromptTokens}");
            Assert.True(second.ServerPromptTokens > second.CachedPromptTokens);
        }
    }

    private static List<(Sample First, Sample Second)> Conversations(JobMeasurement run, string path)
    {
        Assert.Null(run.Error);
        var measured = run.Samples.Where(s => !s.IsWarmup).OrderBy(s => s.Seq).ToList();
        Assert.All(measured, s => Assert.True(s.Succeeded, $"{path}: {s.Error}"));
        Assert.Equal(Requests, measured.Count);
        var conversations = measured.GroupBy(s => s.ConversationId).Select(g => g.OrderBy(s => s.TurnIndex).ToList()).ToList();
        Assert.Equal(Requests / 2, conversations.Count);
        Assert.All(conversations, c => Assert.Equal([0, 1], c.Select(s => s.TurnIndex!.Value)));
        return conversations.Select(c => (c[0], c[1])).ToList();
    }
}
