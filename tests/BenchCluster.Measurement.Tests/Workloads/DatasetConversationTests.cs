using System.Diagnostics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Tests.Scenarios.Conversations;
using BenchCluster.Measurement.Workloads;
using BenchCluster.Measurement.Workloads.Conversations;
using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Inputs;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Workloads;

/// <summary>JSONL lines sharing a conversation_id as the user turns of one conversation (multi-turn workloads).</summary>
public sealed class DatasetConversationTests : IDisposable
{
    /// <summary>Conversation "a" has 3 turns, 7 has 2; their lines are interleaved, as exports of chat logs often are.</summary>
    private const string TwoConversations = """
        {"prompt": "a1", "output_tokens": 5, "conversation_id": "a"}
        {"prompt": "b1", "conversation_id": 7}
        {"prompt": "a2", "output_tokens": 6, "conversation_id": "a"}

        {"prompt": "b2", "output_tokens": 3, "conversation_id": 7}
        {"prompt": "a3", "conversation_id": "a"}
        """;

    private static readonly WorkloadSpec Workload = new()
    {
        OutputTokens = LengthDistribution.Fixed(9),
        Conversation = new ConversationSpec { Turns = LengthDistribution.Fixed(3), ThinkTimeMs = LengthDistribution.Fixed(40) },
    };

    private readonly WorkloadDataFiles files = new();

    public void Dispose() => files.Dispose();

    private DatasetFile Read(string name, string text) =>
        DatasetReader.Read(new DatasetSpec { Format = DatasetFormat.Jsonl, Path = files.Write(name, text) }, files.Root);

    private IReadOnlyList<DatasetConversation> Conversations(string name, string text, int maxTurns = 3)
    {
        var file = Read(name, text);
        DatasetConversations.Check(file, maxTurns);
        return DatasetConversations.Group(DatasetPrompts.ForText(file));
    }

    private static string[] Messages(DatasetConversation conversation) => conversation.Turns.Select(t => t.Prompt.Text!).ToArray();

    [Fact]
    public void Lines_sharing_a_conversation_id_are_its_user_turns_in_file_order_with_their_output_lengths()
    {
        var conversations = Conversations("two.jsonl", TwoConversations);

        Assert.Equal(2, conversations.Count);
        Assert.Equal(["a", "7"], conversations.Select(c => c.Id));
        Assert.Equal(["a1", "a2", "a3"], Messages(conversations[0]));
        Assert.Equal(["b1", "b2"], Messages(conversations[1]));
        Assert.Equal([5, 6, null], conversations[0].Turns.Select(t => t.OutputTokens));
        Assert.Equal([null, 3], conversations[1].Turns.Select(t => t.OutputTokens));
    }

    [Fact]
    public void Conversation_i_is_a_whole_dataset_conversation_drawn_by_seed_and_i_with_the_workloads_think_time()
    {
        var conversations = Conversations("two.jsonl", TwoConversations);
        var source = new ConversationSource(Workload, seed: 42, PromptFactory.ForText(), conversations);
        var again = new ConversationSource(Workload, seed: 42, PromptFactory.ForText(), conversations);
        var reseeded = new ConversationSource(Workload, seed: 43, PromptFactory.ForText(), conversations);

        var scripts = Enumerable.Range(0, 40).Select(source.Get).ToList();

        foreach (var script in scripts)
        {
            var messages = script.Turns.Select(t => t.UserMessage.Text!).ToArray();
            // Turns the dataset gives no length for take the workload's output_tokens (9); conversation.turns (3) is only a bound.
            var outputs = script.Turns.Select(t => t.OutputTokens).ToArray();
            if (messages.Length == 3)
            {
                Assert.Equal(["a1", "a2", "a3"], messages);
                Assert.Equal([5, 6, 9], outputs);
            }
            else
            {
                Assert.Equal(["b1", "b2"], messages);
                Assert.Equal([9, 3], outputs);
            }
            Assert.Equal(new[] { 0.0 }.Concat(Enumerable.Repeat(40.0, messages.Length - 1)), script.Turns.Select(t => t.ThinkMs));
            Assert.Equal(Enumerable.Range(0, messages.Length), script.Turns.Select(t => t.Index));
            Assert.True(script.MultiTurn);
        }
        Assert.Equal(40, scripts.Select(s => s.Id).Distinct().Count());
        Assert.Equal(2, scripts.Select(s => s.Turns.Count).Distinct().Count());
        Assert.Equal(scripts.Select(s => s.Turns.Count), Enumerable.Range(0, 40).Reverse().Select(again.Get).Reverse().Select(s => s.Turns.Count));
        Assert.NotEqual(scripts.Select(s => s.Turns.Count), Enumerable.Range(0, 40).Select(i => reseeded.Get(i).Turns.Count));
        Assert.Equal(2.5, source.MeanTurns);
    }

    [Fact]
    public void A_line_without_an_id_in_a_file_with_ids_is_a_conversation_of_one_turn()
    {
        var conversations = Conversations("mixed.jsonl", "{\"prompt\": \"solo\"}\n" + TwoConversations + "\n{\"prompt\": \"alone\", \"output_tokens\": 4}\n");

        Assert.Equal(new[] { new[] { "solo" }, ["a1", "a2", "a3"], ["b1", "b2"], ["alone"] }, conversations.Select(Messages));
        Assert.Equal([null, "a", "7", null], conversations.Select(c => c.Id));
        Assert.Equal(4, conversations[3].Turns.Single().OutputTokens);
    }

    [Fact]
    public async Task In_process_a_turn_too_long_for_a_slot_drops_its_whole_conversation_and_counts_its_lines()
    {
        var file = Read("long-turn.jsonl", TwoConversations.Replace("\"b2\"", "\"" + new string('b', 30) + "\"", StringComparison.Ordinal));

        var (prompts, input) = await DatasetPrompts.ForTokensAsync(file, new CharacterTokenizer(), new PromptBounds(10, 8), CancellationToken.None, wholeConversations: true);

        var conversation = Assert.Single(DatasetConversations.Group(prompts));
        Assert.Equal("a", conversation.Id);
        Assert.Equal([2, 2, 2], conversation.Turns.Select(t => t.Prompt.TokenCount));
        Assert.Equal((3, 2), (input.Records, input.Skipped));
        Assert.Contains("with the other turns of its conversation (1 conversations)", input.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversations_beyond_the_turns_bound_bad_ids_and_a_file_without_ids_are_refused_naming_file_line_and_fix()
    {
        var clock = Stopwatch.StartNew();
        var longer = Assert.Throws<WorkloadInputException>(() => Conversations("long.jsonl", TwoConversations, maxTurns: 2)).Problems;
        Assert.Equal(
            "long.jsonl:6: conversation \"a\" reaches turn 3 here, more than conversation.turns allows (2); raise conversation.turns to its number of turns (at most 100; it sizes each in-process slot's context) or split the conversation into shorter ones",
            Assert.Single(longer));

        // Every conversation too long: one message each up to the reader's bound, then reading stops.
        var many = string.Join('\n', Enumerable.Range(0, 50).SelectMany(c => Enumerable.Range(0, 3).Select(t => $"{{\"prompt\": \"p{t}\", \"conversation_id\": \"c{c}\"}}")));
        var bounded = Assert.Throws<WorkloadInputException>(() => Conversations("many.jsonl", many, maxTurns: 2)).Problems;
        Assert.Equal(InputProblems.DefaultMaxShown + 1, bounded.Count);
        Assert.StartsWith("many.jsonl:3: conversation \"c0\" reaches turn 3", bounded[0], StringComparison.Ordinal);

        var noIds = Assert.Throws<WorkloadInputException>(() => Conversations("plain.jsonl", "{\"prompt\": \"x\"}\n{\"prompt\": \"y\"}\n")).Problems;
        Assert.Equal(
            "plain.jsonl: no line has a \"conversation_id\", but the workload has conversation: (multi-turn); give the lines of each conversation the same conversation_id, or remove conversation: to send every line as a request of its own",
            Assert.Single(noIds));

        var ids = Assert.Throws<WorkloadInputException>(() => Read("ids.jsonl", $"{{\"prompt\": \"x\", \"conversation_id\": \"\"}}\n{{\"prompt\": \"y\", \"conversation_id\": \"{new string('i', 300)}\"}}\n")).Problems;
        Assert.Equal(2, ids.Count);
        Assert.StartsWith("ids.jsonl:1: \"conversation_id\" is \"\"; give a non-empty id of at most 256 characters", ids[0], StringComparison.Ordinal);
        Assert.StartsWith("ids.jsonl:2: \"conversation_id\" is \"iii", ids[1], StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("dataset file", "JSONL conversations for a multi-turn workload: a conversation longer than conversation.turns, 50 such conversations, a file without any conversation_id, an empty and a 300-character conversation_id", 5,
            $"refused before the run naming file:line and the fix (at most 10 messages), in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Conversations_beyond_the_turns_bound_bad_ids_and_a_file_without_ids_are_refused_naming_file_line_and_fix)));
    }
}
