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
    public static async Task<(IReadOnlyList<DatasetPrompt> Prompts, WorkloadInputFile Input)> ForTokensAsync(
        DatasetFile dataset, IPromptTokenizer tokenizer, PromptBounds bounds, CancellationToken cancellationToken)
    {
        var prompts = new List<DatasetPrompt>(dataset.Entries.Count);
        var tooLong = 0;
        foreach (var entry in dataset.Entries)
        {
            var tokens = await tokenizer.TokenizeAsync(entry.Prompt, cancellationToken);
            if (tokens.Length == 0 || tokens.Length > bounds.MaxPromptTokens)
            {
                tooLong++;
                continue;
            }
            var output = entry.OutputTokens ?? (entry.OutputText is { } answer ? (await tokenizer.TokenizeAsync(answer, cancellationToken)).Length : null);
            output = output is { } known ? Math.Clamp(known, 1, bounds.MaxOutputTokens) : null;
            prompts.Add(new DatasetPrompt(new PlannedPrompt(null, tokens, tokens.Length), output, entry.ConversationId));
        }
        var input = dataset.Input;
        if (tooLong > 0)
        {
            var reason = $"prompt longer than the slot's {bounds.MaxPromptTokens} tokens (workload.prompt_tokens max, or the model's context)";
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
