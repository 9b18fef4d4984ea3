using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>
/// ShareGPT JSON: an array of {"conversations": [{"from": "human"|"gpt"|"system", "value": text}, ...]}. The first
/// human turn is the prompt and a gpt turn right after it is the expected answer. The array is streamed one entry at
/// a time (a 600 MB file is never held whole); entries without a human turn are skipped and counted.
/// </summary>
internal static class ShareGptDatasetReader
{
    public static DatasetFile Read(HashingReadStream stream, string name, int maxEntries, DatasetLimits limits)
    {
        var entries = new List<DatasetEntry>();
        var problems = new InputProblems(name);
        var skipped = 0;
        var index = 0;
        var options = new JsonSerializerOptions { MaxDepth = limits.MaxDepth };
        try
        {
            foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, options).ToBlockingEnumerable())
            {
                index++;
                var where = $"entry {index.ToString(CultureInfo.InvariantCulture)}";
                DatasetEntry? entry;
                string? problem;
                try
                {
                    entry = Entry(element, where, limits, out problem);
                }
                catch (InvalidOperationException)
                {
                    // System.Text.Json checks a string's UTF-8 only when it is read.
                    (entry, problem) = (null, "holds text that is not UTF-8; save the dataset as UTF-8 text");
                }
                if (problem is not null)
                    problems.Add(where, problem);
                else if (entry is null)
                    skipped++;
                else
                    entries.Add(entry);
                if (entries.Count >= maxEntries || problems.Full)
                    break;
            }
        }
        catch (JsonException e)
        {
            var line = ((e.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            problems.Add($"{line} (after {index} entries)", $"is not ShareGPT JSON ({FirstSentence(e.Message)}); the file must be one JSON array of {{\"conversations\": [...]}} objects");
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"after {index} entries", "is not UTF-8; save the dataset as UTF-8 text");
        }
        return DatasetFiles.Finish(stream, name, "sharegpt", entries, skipped, problems, limits);
    }

    /// <summary>The entry; null with a problem when malformed, null without one when it has no usable human turn.</summary>
    private static DatasetEntry? Entry(JsonElement element, string where, DatasetLimits limits, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object; each entry is {{\"conversations\": [...]}}";
            return null;
        }
        if (!element.TryGetProperty("conversations", out var turns) || turns.ValueKind != JsonValueKind.Array)
        {
            problem = "has no \"conversations\" array; each entry is {\"conversations\": [{\"from\": \"human\", \"value\": \"...\"}, ...]}";
            return null;
        }
        string? prompt = null;
        string? answer = null;
        var turn = 0;
        foreach (var message in turns.EnumerateArray())
        {
            turn++;
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.String
                || !message.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
            {
                problem = $"turn {turn} is not {{\"from\": \"human\"|\"gpt\"|\"system\", \"value\": \"...\"}}; fix or remove the turn";
                return null;
            }
            if (prompt is null && from.ValueEquals("human") && !string.IsNullOrWhiteSpace(value.GetString()))
                prompt = value.GetString();
            else if (prompt is not null)
            {
                answer = from.ValueEquals("gpt") ? value.GetString() : null;
                break;
            }
        }
        if (prompt is null || prompt.Length > limits.MaxPromptChars)
            return null;
        var id = element.TryGetProperty("id", out var entryId) && entryId.ValueKind == JsonValueKind.String ? entryId.GetString() : null;
        return new DatasetEntry(prompt, null, answer, id, where);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
