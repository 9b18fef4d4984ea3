namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>
/// One usable record of a dataset: the prompt text, and what the dataset says of the answer — its token count
/// (JSONL output_tokens) or its text (ShareGPT's reply, counted with the model's tokenizer where there is one).
/// <see cref="Where"/> is the line number (JSONL) or "entry N" (ShareGPT), as messages write it after "file:".
/// </summary>
public sealed record DatasetEntry(string Prompt, int? OutputTokens, string? OutputText, string? ConversationId, string Where);
