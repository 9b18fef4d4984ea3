namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>
/// One conversation of a JSONL dataset: the user turns of the lines that share its conversation_id, in file order
/// (a line without an id is a conversation of one turn). The answers are the model's own, as for drawn conversations.
/// </summary>
public sealed record DatasetConversation(string? Id, IReadOnlyList<DatasetPrompt> Turns);
