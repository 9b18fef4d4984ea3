namespace BenchCluster.Measurement.Workloads.Conversations;

/// <summary>
/// One conversation decided before it runs: its id (the cache key and the samples' ConversationId), the system
/// prompt shared by every user (null without shared_prefix) and its turns. The answers are the model's own, so only
/// the user side is planned.
/// </summary>
public sealed record ConversationScript(string Id, PlannedPrompt? SystemPrompt, IReadOnlyList<ConversationTurn> Turns, bool MultiTurn);

/// <summary>One turn: the new user message, the output length asked for, and the think time before it is sent (0 on the first turn).</summary>
public sealed record ConversationTurn(int Index, PlannedPrompt UserMessage, int OutputTokens, double ThinkMs);
