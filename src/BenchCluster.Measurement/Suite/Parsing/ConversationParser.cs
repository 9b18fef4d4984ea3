using System.Globalization;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads <c>workload.conversation</c> (multi-turn) and <c>workload.shared_prefix</c>, and checks them against the lengths.</summary>
internal static class ConversationParser
{
    private static readonly string[] ConversationFields = ["turns", "think_time_ms"];
    private static readonly string[] SharedPrefixFields = ["tokens", "users"];

    public static ConversationSpec? Conversation(YamlMap workload, ConversationSpec? defaults)
    {
        if (workload.Map("conversation", ConversationFields) is not { } map)
            return defaults;
        return new ConversationSpec
        {
            Turns = WorkloadParser.Distribution(map, "turns", 1, ConversationLimits.MaxTurns) ?? LengthDistribution.Fixed(ConversationSpec.DefaultTurns),
            ThinkTimeMs = WorkloadParser.Distribution(map, "think_time_ms", 0, ConversationLimits.MaxThinkTimeMs),
        };
    }

    public static SharedPrefixSpec? SharedPrefix(YamlMap workload, SharedPrefixSpec? defaults)
    {
        if (workload.Map("shared_prefix", SharedPrefixFields) is not { } map)
            return defaults;
        var tokens = map.Int("tokens", 1, SuiteLimits.MaxTokens, required: true, hint: "the system prompt's length in tokens, e.g. 1024");
        var users = map.Int("users", 1, ConversationLimits.MaxUsers);
        return tokens is null ? null : new SharedPrefixSpec { Tokens = tokens.Value, Users = users ?? 1 };
    }

    /// <summary>Every prompt starts with the prefix, and the longest conversation must fit a context.</summary>
    public static void Check(YamlMap workload, WorkloadSpec parsed)
    {
        var errors = workload.Values.Errors;
        if (parsed.SharedPrefix is { } prefix && prefix.Tokens >= parsed.PromptTokens.Min && workload.Get("shared_prefix") is { } prefixNode)
        {
            errors.Add(prefixNode, $"{workload.Child("shared_prefix")}.tokens", Invariant(
                $"the shared prefix of {prefix.Tokens} tokens leaves no room in the shortest prompt (prompt_tokens min {parsed.PromptTokens.Min}): prompt_tokens counts the prefix, so make tokens smaller than {parsed.PromptTokens.Min} or raise prompt_tokens"));
        }
        if (parsed.Dataset is { Path: not null } dataset && workload.Get("dataset") is { } datasetNode)
            CheckDataset(workload, parsed, dataset, datasetNode);
        var longest = WorkloadLengths.MaxRequestTokens(parsed);
        if (longest > ConversationLimits.MaxConversationTokens && (workload.Get("conversation") ?? workload.Get("shared_prefix")) is { } node)
        {
            var field = workload.Get("conversation") is not null ? "conversation.turns" : "shared_prefix.tokens";
            errors.Add(node, workload.Child(field), Invariant(
                $"the longest request would hold {longest:N0} tokens (system prompt, then turns × (message + answer)), more than the {ConversationLimits.MaxConversationTokens:N0} tokens any context holds: lower turns, prompt_tokens or output_tokens"));
        }
    }

    /// <summary>
    /// A JSONL dataset gives a multi-turn workload its conversations (lines sharing a conversation_id), so turns is
    /// then the most turns one may have — a single number, since nothing is drawn from it. ShareGPT entries give one
    /// prompt each, and a shared system prompt over dataset prompts is not built yet.
    /// </summary>
    private static void CheckDataset(YamlMap workload, WorkloadSpec parsed, DatasetSpec dataset, YamlDotNet.RepresentationModel.YamlNode datasetNode)
    {
        var errors = workload.Values.Errors;
        if (parsed.SharedPrefix is not null)
        {
            errors.Add(datasetNode, workload.Child("dataset"),
                "a dataset file does not combine with shared_prefix yet (its system prompt is drawn from the bundled prompt set): remove dataset, or run the dataset in a scenario of its own");
        }
        if (parsed.Conversation is not { } conversation)
            return;
        if (dataset.Format != DatasetFormat.Jsonl)
        {
            errors.Add(datasetNode, workload.Child("dataset"),
                "conversation: takes its conversations from a JSONL dataset's conversation_id; a ShareGPT dataset gives one prompt per entry: use format: jsonl with conversation_id on each line, or remove conversation:");
        }
        else if (conversation.Turns.Kind != DistributionKind.Fixed && workload.Get("conversation") is { } node)
        {
            errors.Add(node, workload.Child("conversation.turns"),
                "with a dataset, the conversations and their turns come from the file, and turns is the most turns one may have (it sizes each in-process slot's context): give one number, e.g. turns: 8");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
