using BenchCluster.Engine.Completions;

namespace BenchCluster.Measurement.Workloads;

/// <summary>One request of a run, decided before the run starts so drawing it costs nothing on the send path.</summary>
public sealed record PlannedRequest(int Index, CompletionRequest Request, int PromptTokens, int RequestedOutputTokens)
{
    /// <summary>Multi-turn and shared-prefix workloads: the conversation (or user) the request belongs to.</summary>
    public string? ConversationId { get; init; }
    /// <summary>Multi-turn workloads: the turn's index in its conversation, from 0.</summary>
    public int? TurnIndex { get; init; }
}
