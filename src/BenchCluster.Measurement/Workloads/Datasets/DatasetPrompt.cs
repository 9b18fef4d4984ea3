namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>A dataset entry ready to send: its prompt (tokens in-process, text remote) and its answer length if known.</summary>
public sealed record DatasetPrompt(PlannedPrompt Prompt, int? OutputTokens, string? ConversationId);
