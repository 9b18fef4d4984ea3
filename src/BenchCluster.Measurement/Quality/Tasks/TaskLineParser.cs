using System.Text.Json;

namespace BenchCluster.Measurement.Quality.Tasks;

/// <summary>One JSON Lines task line into a <see cref="QualityTask"/>, or the problem with it.</summary>
internal static class TaskLineParser
{
    // A task is one flat object with one array: anything deeper is not a task and is not walked.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 3 };

    public static QualityTask? Parse(ReadOnlySpan<char> line, string where, TaskFileLimits limits, out string? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToString(), Options);
        }
        catch (JsonException e)
        {
            problem = $"{where}: not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')}); write one JSON object per line";
            return null;
        }
        using (document)
            return Parse(document.RootElement, where, limits, out problem);
    }

    private static QualityTask? Parse(JsonElement root, string where, TaskFileLimits limits, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
            return Fail(out problem, $"{where}: a task is a JSON object with ctx, endings and label, not a {Kind(root)}");
        if (!root.TryGetProperty("ctx", out var ctx) || ctx.ValueKind != JsonValueKind.String || ctx.GetString()!.Trim().Length == 0)
            return Fail(out problem, $"{where}: 'ctx' must be a non-empty string (the context the endings continue)");
        if (!root.TryGetProperty("endings", out var endingsElement) || endingsElement.ValueKind != JsonValueKind.Array)
            return Fail(out problem, $"{where}: 'endings' must be an array of {limits.MinEndings} to {limits.MaxEndings} strings");
        var count = endingsElement.GetArrayLength();
        if (count < limits.MinEndings || count > limits.MaxEndings)
            return Fail(out problem, $"{where}: 'endings' has {count} entries; a task has {limits.MinEndings} to {limits.MaxEndings}");
        var endings = new List<string>(count);
        foreach (var ending in endingsElement.EnumerateArray())
        {
            if (ending.ValueKind != JsonValueKind.String || ending.GetString()!.Trim().Length == 0)
                return Fail(out problem, $"{where}: endings[{endings.Count}] must be a non-empty string");
            var value = ending.GetString()!;
            if (value.Length > limits.MaxEndingChars)
                return Fail(out problem, $"{where}: endings[{endings.Count}] is {value.Length:N0} characters, above the bound of {limits.MaxEndingChars:N0}");
            if (value.Contains('\n') || value.Contains('\r'))
                return Fail(out problem, $"{where}: endings[{endings.Count}] contains a line break; an ending is one line (llama-perplexity's HellaSwag text is line-based)");
            endings.Add(value);
        }
        if (Label(root) is not { } label)
            return Fail(out problem, $"{where}: 'label' must be the index of the right ending, a whole number (or a string of digits)");
        if (label < 0 || label >= count)
            return Fail(out problem, $"{where}: 'label' is {label}, but there are {count} endings (0 to {count - 1}); label counts from 0");
        var context = ctx.GetString()!;
        if (root.TryGetProperty("activity_label", out var activity) && activity.ValueKind == JsonValueKind.String && activity.GetString()!.Trim().Length > 0)
            context = $"{activity.GetString()}: {context}";
        if (context.Contains('\n') || context.Contains('\r'))
            return Fail(out problem, $"{where}: 'ctx' contains a line break; a context is one line (llama-perplexity's HellaSwag text is line-based)");
        return new QualityTask(context, endings, label);
    }

    private static int? Label(JsonElement root)
    {
        if (!root.TryGetProperty("label", out var label))
            return null;
        if (label.ValueKind == JsonValueKind.Number)
            return label.TryGetInt32(out var number) ? number : null;
        if (label.ValueKind == JsonValueKind.String && int.TryParse(label.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        return null;
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static QualityTask? Fail(out string? problem, string message)
    {
        problem = message;
        return null;
    }
}
