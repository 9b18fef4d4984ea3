using BenchCluster.Engine.Completions;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Workloads;

namespace BenchCluster.Measurement.Tests.Scenarios.Conversations;

/// <summary>Multi-turn and shared-prefix workloads through the real <see cref="ScenarioRunner"/> against scripted backends.</summary>
public sealed class ConversationScenarioTests : IDisposable
{
    private const string ChatEndpoint = "{name: api, endpoint: {base_url: \"http://localhost:1/v1\", model: m, chat: true, price_input_per_mtok: 1, price_output_per_mtok: 2}}";
    private const long Ms = 1_000_000;

    private readonly ScenarioRunner _runner = new();
    private readonly WorkloadDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Each_turn_sends_the_conversation_so_far_with_the_models_answers_as_chat_messages()
    {
        var job = Jobs.From("{kind: concurrency, requests: 9, workload: {prompt_tokens: 20, output_tokens: 3, conversation: {turns: 3}}, parameters: {concurrency: [2]}}", model: ChatEndpoint);
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);

        var result = await _runner.RunAsync(job, backend);

        Assert.Null(result.Error);
        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.True(measured.Count >= 9 && measured.Count % 3 == 0, $"{measured.Count} measured requests: conversations finish their 3 turns");
        foreach (var conversation in measured.GroupBy(s => s.ConversationId))
            Assert.Equal([0, 1, 2], conversation.Select(s => s.TurnIndex!.Value).Order());
        foreach (var requests in backend.Requests.GroupBy(r => r.CacheKey))
        {
            var turns = requests.OrderBy(r => r.Messages!.Count).ToList();
            Assert.Equal([1, 3, 5], turns.Select(r => r.Messages!.Count));
            for (var k = 1; k < turns.Count; k++)
            {
                var previous = turns[k - 1].Messages!;
                Assert.Equal(previous, turns[k].Messages!.Take(previous.Count));
                Assert.Equal(new ChatMessage("assistant", "xxx"), turns[k].Messages![previous.Count]);
                Assert.Equal("user", turns[k].Messages![^1].Role);
                Assert.NotEqual(previous[^1].Content, turns[k].Messages![^1].Content);
            }
        }
    }

    [Fact]
    public async Task Dataset_conversations_send_their_lines_as_turns_in_file_order_each_with_the_earlier_turns_before_it()
    {
        var path = _files.Write("chats.jsonl", """
            {"prompt": "Plan a trip.", "output_tokens": 4, "conversation_id": "trip"}
            {"prompt": "Name a river.", "conversation_id": "geo"}
            {"prompt": "Where to stay?", "output_tokens": 2, "conversation_id": "trip"}
            {"prompt": "How long is it?", "output_tokens": 5, "conversation_id": "geo"}
            {"prompt": "What to pack?", "output_tokens": 3, "conversation_id": "trip"}
            """);
        var job = Jobs.From($"{{kind: concurrency, requests: 12, workload: {{output_tokens: 6, dataset: {{format: jsonl, path: {path}}}, conversation: {{turns: 3, think_time_ms: 2}}}}, parameters: {{concurrency: [2]}}}}", model: ChatEndpoint);
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);

        var result = await new ScenarioRunner(new RunEnvironment { WorkloadDataFolder = _files.Root }).RunAsync(job, backend);

        Assert.Null(result.Error);
        string[][] dataset = [["Plan a trip.", "Where to stay?", "What to pack?"], ["Name a river.", "How long is it?"]];
        int[][] maxTokens = [[4, 2, 3], [6, 5]];
        var seen = new HashSet<int>();
        foreach (var requests in backend.Requests.GroupBy(r => r.CacheKey))
        {
            var turns = requests.OrderBy(r => r.Messages!.Count).ToList();
            var user = turns[^1].Messages!.Where(m => m.Role == "user").Select(m => m.Content).ToArray();
            var which = Array.FindIndex(dataset, d => d.SequenceEqual(user));
            Assert.True(which >= 0, $"conversation {requests.Key} sent {string.Join(" | ", user)}, not a dataset conversation");
            seen.Add(which);
            Assert.Equal(maxTokens[which], turns.Select(r => r.MaxTokens));
            for (var k = 0; k < turns.Count; k++)
            {
                // Turn k carries turns 0 .. k−1 (each user message and its answer) before its own message.
                Assert.Equal((2 * k) + 1, turns[k].Messages!.Count);
                Assert.Equal(new ChatMessage("user", dataset[which][k]), turns[k].Messages![^1]);
                if (k > 0)
                {
                    Assert.Equal(turns[k - 1].Messages!, turns[k].Messages!.Take((2 * k) - 1));
                    Assert.Equal(new ChatMessage("assistant", new string('x', turns[k - 1].MaxTokens)), turns[k].Messages![(2 * k) - 1]);
                }
            }
        }
        Assert.Equal([0, 1], seen.Order());
        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.True(measured.Count >= 12, $"{measured.Count} measured requests");
        foreach (var conversation in measured.GroupBy(s => s.ConversationId))
        {
            var turnIndexes = conversation.Select(s => s.TurnIndex!.Value).Order().ToList();
            Assert.Contains(turnIndexes.Count, new[] { 2, 3 });
            Assert.Equal(Enumerable.Range(0, turnIndexes.Count), turnIndexes);
        }
        Assert.Equal("jsonl", Assert.Single(result.Provenance!.WorkloadInputs!).Format);
    }

    [Fact]
    public async Task A_closed_loop_user_thinks_between_an_answer_and_the_next_turn()
    {
        var job = Jobs.Remote("{kind: concurrency, requests: 4, workload: {prompt_tokens: 20, output_tokens: 2, conversation: {turns: 2, think_time_ms: 40}}, parameters: {concurrency: [2]}}");

        var result = await _runner.RunAsync(job, FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1));

        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.NotEmpty(measured);
        foreach (var conversation in measured.GroupBy(s => s.ConversationId))
        {
            var turns = conversation.OrderBy(s => s.TurnIndex).ToList();
            Assert.Equal(2, turns.Count);
            Assert.True(turns[1].SentNs - turns[0].EndNs >= 40 * Ms, $"think time {(turns[1].SentNs - turns[0].EndNs) / (double)Ms} ms");
            Assert.All(turns, s => Assert.Null(s.ScheduledNs));
        }
    }

    [Fact]
    public async Task In_an_open_loop_later_turns_are_due_at_the_answer_plus_think_time_and_latency_counts_from_then()
    {
        var job = Jobs.Remote("{kind: poisson, requests: 10, workload: {prompt_tokens: 20, output_tokens: 2, conversation: {turns: 2, think_time_ms: 5}}, parameters: {rate: [200]}}");

        var result = await _runner.RunAsync(job, FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1));

        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(10, measured.Count); // 10 requests / 2 turns = 5 conversations
        Assert.All(measured, s => Assert.True(s.SentNs >= s.ScheduledNs!.Value));
        foreach (var conversation in measured.GroupBy(s => s.ConversationId))
        {
            var turns = conversation.OrderBy(s => s.TurnIndex).ToList();
            Assert.Equal(turns[0].EndNs + (5 * Ms), turns[1].ScheduledNs);
        }
        Assert.Equal(200, Assert.Single(result.Stages).TargetRate);
    }

    [Fact]
    public async Task Token_prompts_of_a_turn_are_the_previous_prompt_the_answer_tokens_and_the_new_message()
    {
        var job = Jobs.From("{kind: concurrency, requests: 3, workload: {prompt_tokens: 12, output_tokens: 3, conversation: {turns: 3}, shared_prefix: {tokens: 5}}, parameters: {concurrency: [1]}}");
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);

        var result = await _runner.RunAsync(job, backend, new CharacterTokenizer());

        Assert.Null(result.Error);
        var measured = result.Samples.Where(s => !s.IsWarmup).OrderBy(s => s.Seq).ToList();
        var requests = backend.Requests.Skip(backend.Requests.Count - measured.Count).ToList();
        Assert.Equal([0, 1, 2], measured.Select(s => s.TurnIndex));
        Assert.Equal(12, requests[0].PromptTokens!.Count);
        for (var k = 1; k < 3; k++)
        {
            var previous = requests[k - 1].PromptTokens!;
            var prompt = requests[k].PromptTokens!;
            Assert.Equal(previous, prompt.Take(previous.Count));
            Assert.Equal("xxx".Select(c => (int)c), prompt.Skip(previous.Count).Take(3));
            Assert.Equal(previous.Count + 3 + 7, prompt.Count); // each new message is prompt_tokens − the prefix
            Assert.Equal(prompt.Count, measured[k].PromptTokens);
        }
        Assert.All(requests, r => Assert.Equal(requests[0].PromptTokens!.Take(5), r.PromptTokens!.Take(5)));
    }

    [Fact]
    public async Task Shared_prefix_requests_start_with_one_system_prompt_and_belong_to_their_users()
    {
        var job = Jobs.From("{kind: concurrency, requests: 9, workload: {prompt_tokens: 40, output_tokens: 2, shared_prefix: {tokens: 16, users: 3}}, parameters: {concurrency: [2]}}", model: ChatEndpoint);
        var backend = FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1);

        var result = await _runner.RunAsync(job, backend);

        var measured = result.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(9, measured.Count);
        Assert.Equal(["u0", "u1", "u2"], measured.Select(s => s.ConversationId).Distinct().Order());
        Assert.All(measured, s => Assert.Null(s.TurnIndex));
        var system = backend.Requests[0].Messages![0];
        Assert.Equal("system", system.Role);
        Assert.All(backend.Requests, r => Assert.Equal(system, r.Messages![0]));
        Assert.All(backend.Requests, r => Assert.Equal(2, r.Messages!.Count));
        Assert.Equal(backend.Requests.Count, backend.Requests.Select(r => r.Messages![1].Content).Distinct().Count());
        Assert.All(backend.Requests, r => Assert.Contains(r.CacheKey, new[] { "u0", "u1", "u2" }));
    }
}
