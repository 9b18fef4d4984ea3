using System.Text;
using System.Text.Json;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>
/// JSONL datasets: one object per line with "prompt" (text), optional "output_tokens" (the expected answer length)
/// and optional "conversation_id" (lines sharing one are the user turns of one conversation when the workload has
/// <c>conversation:</c>, <see cref="DatasetConversations"/>). Blank lines are skipped; other fields are ignored.
/// </summary>
internal static class JsonlDatasetReader
{
    public static DatasetFile Read(HashingReadStream stream, string name, int maxEntries, DatasetLimits limits)
    {
        var entries = new List<DatasetEntry>();
        var problems = new InputProblems(name);
        var skipped = 0;
        var lines = new BoundedLineReader(BoundedLineReader.Utf8(stream), limits.MaxLineChars);
        var options = new JsonDocumentOptions { MaxDepth = limits.MaxDepth };
        try
        {
            while (entries.Count < maxEntries && !problems.Full && lines.Next(out var tooLong) is { } line)
            {
                var at = lines.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (tooLong)
                {
                    problems.Add(at, $"the line is longer than {limits.MaxLineChars:N0} characters; split or shorten the record");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                switch (Entry(line, at, options, limits, out var problem))
                {
                    case { } entry:
                        entries.Add(entry);
                        break;
                    case null when problem is null:
                        skipped++;
                        break;
                    default:
                        problems.Add(at, problem!);
                        break;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            problems.Add((lines.LineNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "is not UTF-8; save the dataset as UTF-8 text");
        }
        return DatasetFiles.Finish(stream, name, "jsonl", entries, skipped, problems, limits);
    }

    /// <summary>The entry of one line; null with a problem when malformed, null without one when its prompt is too long.</summary>
    private static DatasetEntry? Entry(string line, string where, JsonDocumentOptions options, DatasetLimits limits, out string? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, options);
        }
        catch (JsonException e)
        {
            problem = $"is not valid JSON ({e.Message}); write one JSON object per line, e.g. {{\"prompt\": \"...\", \"output_tokens\": 128}}";
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object; write {{\"prompt\": \"...\"}}";
                return null;
            }
            if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String || prompt.GetString() is not { Length: > 0 } text || string.IsNullOrWhiteSpace(text))
            {
                problem = "has no \"prompt\" text; every line needs a non-empty \"prompt\" string";
                return null;
            }
            int? output = null;
            if (root.TryGetProperty("output_tokens", out var tokens) && tokens.ValueKind != JsonValueKind.Null)
            {
                if (tokens.ValueKind != JsonValueKind.Number || !tokens.TryGetInt32(out var count) || count < 1 || count > SuiteLimits.MaxTokens)
                {
                    problem = $"\"output_tokens\" is {Shown(tokens)}; give a whole number from 1 to {SuiteLimits.MaxTokens:N0}, or leave it out";
                    return null;
                }
                output = count;
            }
            string? conversation = null;
            if (root.TryGetProperty("conversation_id", out var id) && id.ValueKind != JsonValueKind.Null)
            {
                if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    problem = $"\"conversation_id\" is a JSON {id.ValueKind.ToString().ToLowerInvariant()}; give a string or a number, or leave it out";
                    return null;
                }
                conversation = id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
                if (conversation is not { Length: > 0 } || conversation.Length > limits.MaxConversationIdChars)
                {
                    problem = $"\"conversation_id\" is {Shown(id)}; give a non-empty id of at most {limits.MaxConversationIdChars} characters, or leave it out";
                    return null;
                }
            }
            return text.Length > limits.MaxPromptChars ? null : new DatasetEntry(text, output, null, conversation, where);
        }
    }

    private static string Shown(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
