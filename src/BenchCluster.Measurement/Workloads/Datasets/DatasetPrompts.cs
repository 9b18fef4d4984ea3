using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>
/// Turns a dataset's entries into prompts. In-process every prompt is tokenized with the model's tokenizer, its real
/// count is what is stored, and a prompt longer than the slot holds (<see cref="PromptBounds"/>) is skipped and
/// counted in the provenance; a known answer longer than the slot holds is cut to it. Remote, the text is sent as
/// it is, its length is estimated, and the server's usage counts rule.
/// </summary>
public static class DatasetPrompts
{
    /// <summary>
    /// With <paramref name="wholeConversations"/>, a prompt that does not fit drops every turn of its conversation:
    /// a conversation without one of its turns would not be the one the dataset describes.
    /// </summary>
    public static async Task<(IReadOnlyList<DatasetPrompt> Prompts, WorkloadInputFile Input)> ForTokensAsync(
        DatasetFile dataset, IPromptTokenizer tokenizer, PromptBounds bounds, CancellationToken cancellationToken, bool wholeConversations = false)
    {
        var prompts = new List<DatasetPrompt>(dataset.Entries.Count);
        var tooLong = 0;
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in dataset.Entries)
        {
            var tokens = await tokenizer.TokenizeAsync(entry.Prompt, cancellationToken);
            if (tokens.Length == 0 || tokens.Length > bounds.MaxPromptTokens)
            {
                tooLong++;
                if (wholeConversations && entry.ConversationId is { } id)
                    dropped.Add(id);
                continue;
            }
            var output = entry.OutputTokens ?? (entry.OutputText is { } answer ? (await tokenizer.TokenizeAsync(answer, cancellationToken)).Length : null);
            output = output is { } known ? Math.Clamp(known, 1, bounds.MaxOutputTokens) : null;
            prompts.Add(new DatasetPrompt(new PlannedPrompt(null, tokens, tokens.Length), output, entry.ConversationId));
        }
        if (dropped.Count > 0)
            tooLong += prompts.RemoveAll(p => p.ConversationId is { } id && dropped.Contains(id));
        var input = dataset.Input;
        if (tooLong > 0)
        {
            var reason = $"prompt longer than the slot's {bounds.MaxPromptTokens} tokens (workload.prompt_tokens max, or the model's context)"
                + (dropped.Count > 0 ? $", with the other turns of its conversation ({dropped.Count:N0} conversations)" : "");
            input = input with { Records = prompts.Count, Skipped = input.Skipped + tooLong, SkipReason = input.SkipReason is { } r ? $"{r}; {reason}" : reason };
        }
        if (prompts.Count == 0)
            throw new WorkloadInputException(input.Path, $"{input.Path}: none of its {dataset.Entries.Count:N0} prompts fits: every one is empty or longer than {bounds.MaxPromptTokens} tokens; raise workload.prompt_tokens (its max sizes each slot's context) or use shorter prompts");
        return (prompts, input);
    }

    public static IReadOnlyList<DatasetPrompt> ForText(DatasetFile dataset) =>
        dataset.Entries.Select(e => new DatasetPrompt(
            new PlannedPrompt(e.Prompt, null, Estimate(e.Prompt)),
            e.OutputTokens ?? (e.OutputText is { Length: > 0 } answer ? Estimate(answer) : null),
            e.ConversationId)).ToList();

    private static int Estimate(string text) => Math.Max(1, (int)Math.Ceiling(text.Length / PromptFactory.CharactersPerTokenEstimate));
}
