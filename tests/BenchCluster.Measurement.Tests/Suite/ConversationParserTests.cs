using System.Diagnostics;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Suite;

public sealed class ConversationParserTests
{
    private const string Models = "models: [{preset: tiny, type: q8_0}]";

    private static SuiteDefinition Parse(string workload) =>
        new SuiteParser().Parse($"{Models}\nscenarios:\n  - {{kind: concurrency, workload: {workload}, parameters: {{concurrency: [2]}}}}\n", "conversations.yaml");

    private static IReadOnlyList<SuiteError> Refused(string workload) =>
        Assert.Throws<SuiteValidationException>(() => Parse(workload)).Errors;

    [Fact]
    public void Conversation_and_shared_prefix_fields_are_read_with_their_distributions()
    {
        var workload = Parse("{prompt_tokens: 300, output_tokens: 20, conversation: {turns: {distribution: uniform, min: 2, max: 5}, think_time_ms: 250}, shared_prefix: {tokens: 200, users: 8}}")
            .Scenarios.Single().Workload;

        var conversation = Assert.IsType<ConversationSpec>(workload.Conversation);
        Assert.Equal(DistributionKind.Uniform, conversation.Turns.Kind);
        Assert.Equal((2, 5), (conversation.Turns.Min, conversation.Turns.Max));
        Assert.Equal(250, conversation.ThinkTimeMs!.Mean);
        Assert.Equal(new SharedPrefixSpec { Tokens = 200, Users = 8 }, workload.SharedPrefix);
        Assert.Equal(ConversationSpec.DefaultTurns, Parse("{conversation: {}}").Scenarios.Single().Workload.Conversation!.Turns.Mean);
        Assert.Equal(1, Parse("{prompt_tokens: 64, shared_prefix: {tokens: 32}}").Scenarios.Single().Workload.SharedPrefix!.Users);
    }

    [Fact]
    public void A_workload_without_them_keeps_its_point_key()
    {
        var plain = MatrixExpander.Expand(Parse("{prompt_tokens: 64}")).Jobs[0];
        var multiTurn = MatrixExpander.Expand(Parse("{prompt_tokens: 64, conversation: {turns: 3}}")).Jobs[0];

        Assert.Null(plain.Scenario.Workload.Conversation);
        Assert.Null(plain.Scenario.Workload.SharedPrefix);
        Assert.DoesNotContain("conversation", BenchCluster.Measurement.Json.MeasurementJson.Serialize(plain.Scenario), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("shared_prefix", BenchCluster.Measurement.Json.MeasurementJson.Serialize(plain.Scenario), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(plain.Point.Id, multiTurn.Point.Id);
    }

    [Fact]
    public void The_context_of_a_multi_turn_job_holds_its_longest_conversation()
    {
        var job = MatrixExpander.Expand(Parse("{prompt_tokens: 100, output_tokens: 20, conversation: {turns: 4}, shared_prefix: {tokens: 50}}")).Jobs[0];

        // 2 slots × (prefix 50 + 4 turns × (50 message + 20 answer + slack) + margin).
        var perSlot = EngineSettings.SessionOptions(job).ContextSize / 2;
        Assert.True(perSlot >= 50 + (4 * (50 + 20)), $"context per slot {perSlot}");
        Assert.Equal(50 + (4 * (50 + 20 + ConversationLimits.RetokenizationSlackPerTurn)), WorkloadLengths.MaxRequestTokens(job.Scenario.Workload));
    }

    [Theory]
    [InlineData("multi-turn.yaml")]
    [InlineData("shared-prefix.yaml")]
    public void The_repositorys_workload_suites_parse_into_conversation_jobs(string file)
    {
        var suite = new SuiteParser().ParseFile(Path.Combine(BenchCluster.Testing.RepositoryPaths.Root, "benchmarks", "workloads", file));

        var jobs = MatrixExpander.Expand(suite).Jobs;

        Assert.NotEmpty(jobs);
        Assert.Contains(jobs, j => j.Scenario.Workload.Conversation is not null || j.Scenario.Workload.SharedPrefix is not null);
    }

    [Fact]
    public void A_jsonl_dataset_with_a_conversation_is_read_with_turns_as_the_bound_of_its_conversations()
    {
        var workload = Parse("{prompt_tokens: 64, dataset: {format: jsonl, path: chats.jsonl}, conversation: {turns: 6, think_time_ms: 100}}").Scenarios.Single().Workload;

        Assert.Equal(new DatasetSpec { Format = DatasetFormat.Jsonl, Path = "chats.jsonl" }, workload.Dataset);
        Assert.Equal(6, DatasetConversations.MaxTurns(workload.Conversation!));
        Assert.Equal(ConversationSpec.DefaultTurns, DatasetConversations.MaxTurns(Parse("{dataset: {format: jsonl, path: c.jsonl}, conversation: {}}").Scenarios.Single().Workload.Conversation!));
    }

    [Fact]
    public void Bad_turns_think_times_prefixes_and_users_are_refused_with_their_field_path()
    {
        var clock = Stopwatch.StartNew();
        Assert.Contains(Refused("{conversation: {turns: 0}}"), e => e.FieldPath == "scenarios[0].workload.conversation.turns");
        Assert.Contains(Refused("{conversation: {turns: 100000}}"), e => e.FieldPath == "scenarios[0].workload.conversation.turns" && e.Message.Contains("100", StringComparison.Ordinal));
        Assert.Contains(Refused("{conversation: {turns: {distribution: uniform, min: 0, max: 3}}}"), e => e.FieldPath == "scenarios[0].workload.conversation.turns.min");
        Assert.Contains(Refused("{conversation: {think_time_ms: -5}}"), e => e.FieldPath == "scenarios[0].workload.conversation.think_time_ms");
        Assert.Contains(Refused("{conversation: {think_time_ms: 99999999}}"), e => e.FieldPath == "scenarios[0].workload.conversation.think_time_ms");
        Assert.Contains(Refused("{conversation: {turn: 3}}"), e => e.FieldPath == "scenarios[0].workload.conversation.turn" && e.Message.Contains("turns", StringComparison.Ordinal));
        var longPrefix = Assert.Single(Refused("{prompt_tokens: 64, shared_prefix: {tokens: 64}}"));
        Assert.Equal("scenarios[0].workload.shared_prefix.tokens", longPrefix.FieldPath);
        Assert.Contains("prompt_tokens min 64", longPrefix.Message, StringComparison.Ordinal);
        Assert.Contains(Refused("{prompt_tokens: {distribution: uniform, min: 10, max: 500}, shared_prefix: {tokens: 100}}"), e => e.FieldPath == "scenarios[0].workload.shared_prefix.tokens");
        Assert.Contains(Refused("{prompt_tokens: 64, shared_prefix: {tokens: 32, users: 0}}"), e => e.FieldPath == "scenarios[0].workload.shared_prefix.users");
        Assert.Contains(Refused("{prompt_tokens: 64, shared_prefix: {users: 4}}"), e => e.FieldPath == "scenarios[0].workload.shared_prefix.tokens" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(Refused("{prompt_tokens: 64, shared_prefix: {tokens: 0}}"), e => e.FieldPath == "scenarios[0].workload.shared_prefix.tokens");
        var tooLong = Assert.Single(Refused("{prompt_tokens: 100000, output_tokens: 20000, conversation: {turns: 50}}"));
        Assert.Equal("scenarios[0].workload.conversation.turns", tooLong.FieldPath);
        Assert.Contains("more than the 1,048,576 tokens", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains(Refused("{prompt_tokens: 2000000, output_tokens: 10, shared_prefix: {tokens: 1100000}}"), e => e.FieldPath == "scenarios[0].workload.shared_prefix.tokens" && e.Message.Contains("any context holds", StringComparison.Ordinal));
        Assert.Contains(Refused("{prompt_tokens: 64, dataset: {format: jsonl, path: chats.jsonl}, shared_prefix: {tokens: 8}}"), e => e.FieldPath == "scenarios[0].workload.dataset" && e.Message.Contains("does not combine with shared_prefix", StringComparison.Ordinal));
        Assert.Contains(Refused("{prompt_tokens: 64, dataset: {format: sharegpt, path: chats.json}, conversation: {turns: 2}}"), e => e.FieldPath == "scenarios[0].workload.dataset" && e.Message.Contains("use format: jsonl with conversation_id", StringComparison.Ordinal));
        var drawnTurns = Assert.Single(Refused("{prompt_tokens: 64, dataset: {format: jsonl, path: chats.jsonl}, conversation: {turns: {distribution: uniform, min: 1, max: 4}}}"));
        Assert.Equal("scenarios[0].workload.conversation.turns", drawnTurns.FieldPath);
        Assert.Contains("give one number, e.g. turns: 8", drawnTurns.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "conversation turns 0, 100,000 and min 0, think time −5 and 99,999,999 ms, misspelt field, shared prefix as long as the prompt, users 0, tokens missing or 0, conversations beyond any context, a dataset with a shared prefix, a ShareGPT dataset with a conversation, a dataset with drawn turns", 16,
            $"each refused with its field path and the bound, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Bad_turns_think_times_prefixes_and_users_are_refused_with_their_field_path)));
    }
}
