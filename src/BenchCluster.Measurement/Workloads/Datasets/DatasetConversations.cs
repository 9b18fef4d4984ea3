using System.Globalization;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>
/// A JSONL dataset as conversations, for workloads with <c>conversation:</c>: lines with the same conversation_id are
/// one conversation's user turns in file order, and a line without one is a conversation of one turn. The number of
/// conversations is at most the entries kept (max_entries), and <see cref="Check"/> bounds the turns of each by
/// <c>conversation.turns</c> before the prompts are built, since that bound sizes an in-process slot's context.
/// </summary>
public static class DatasetConversations
{
    /// <summary>The most turns a dataset conversation may have under <paramref name="conversation"/>: its turns' maximum.</summary>
    public static int MaxTurns(ConversationSpec conversation) =>
        Math.Clamp(WorkloadLengths.PlausibleMax(conversation.Turns), 1, ConversationLimits.MaxTurns);

    /// <summary>
    /// Refuses a file whose lines carry no conversation_id at all (multi-turn was asked for, so the ids are surely
    /// missing) and every conversation with more than <paramref name="maxTurns"/> turns, naming the line of its first
    /// turn beyond the bound.
    /// </summary>
    public static void Check(DatasetFile dataset, int maxTurns)
    {
        var name = dataset.Input.Path;
        if (dataset.Entries.All(e => e.ConversationId is null))
        {
            throw new WorkloadInputException(name,
                $"{name}: no line has a \"conversation_id\", but the workload has conversation: (multi-turn); give the lines of each conversation the same conversation_id, or remove conversation: to send every line as a request of its own");
        }
        var problems = new InputProblems(name);
        var turns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in dataset.Entries)
        {
            if (entry.ConversationId is not { } id || problems.Full)
                continue;
            var count = turns[id] = turns.GetValueOrDefault(id) + 1;
            if (count == maxTurns + 1)
            {
                problems.Add(entry.Where, string.Create(CultureInfo.InvariantCulture,
                    $"conversation \"{id}\" reaches turn {count} here, more than conversation.turns allows ({maxTurns}); raise conversation.turns to its number of turns (at most {ConversationLimits.MaxTurns}; it sizes each in-process slot's context) or split the conversation into shorter ones"));
            }
        }
        problems.ThrowIfAny();
    }

    /// <summary>The prompts grouped into conversations, in the order their first turns appear.</summary>
    public static IReadOnlyList<DatasetConversation> Group(IReadOnlyList<DatasetPrompt> prompts)
    {
        var conversations = new List<(string? Id, List<DatasetPrompt> Turns)>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var prompt in prompts)
        {
            if (prompt.ConversationId is { } id && byId.TryGetValue(id, out var at))
            {
                conversations[at].Turns.Add(prompt);
                continue;
            }
            if (prompt.ConversationId is { } newId)
                byId[newId] = conversations.Count;
            conversations.Add((prompt.ConversationId, [prompt]));
        }
        return conversations.Select(c => new DatasetConversation(c.Id, c.Turns)).ToList();
    }
}
