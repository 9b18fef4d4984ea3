using System.Text.Json;
using static BenchCluster.Serving.Requests.JsonFields;

namespace BenchCluster.Serving.Requests;

/// <summary>Reads a completions prompt (text or token ids) or chat messages, bounding every count before allocating for it.</summary>
internal static class PromptReader
{
    /// <summary>The prompt text, or its token ids when no longer than <paramref name="contextTokens"/>.</summary>
    public static (string? Text, int[]? Tokens) ReadPrompt(JsonElement body, int contextTokens)
    {
        var prompt = Optional(body, "prompt") ?? throw new RequestValidationException("prompt", "prompt is required: a string, or an array of token ids.");
        if (prompt.ValueKind == JsonValueKind.String)
            return (Text(prompt, "prompt"), null);
        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String)
            return (Text(prompt[0], "prompt"), null);
        if (prompt.ValueKind != JsonValueKind.Array || prompt.GetArrayLength() == 0 || prompt[0].ValueKind != JsonValueKind.Number)
            throw new RequestValidationException("prompt", "prompt must be a string, an array of one string, or a non-empty array of token ids (batches of prompts are not supported).");
        var count = prompt.GetArrayLength();
        if (count > contextTokens)
        {
            throw new RequestValidationException("prompt",
                $"The prompt has {count} tokens, more than the context of {contextTokens} tokens one request can hold here: shorten the prompt, or serve with a larger context per slot (serve --ctx, or fewer --slots).");
        }
        var tokens = new int[count];
        var i = 0;
        foreach (var token in prompt.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Number || !token.TryGetInt32(out tokens[i]) || tokens[i] < 0)
                throw new RequestValidationException("prompt", $"prompt[{i}] is not a token id (a non-negative integer).");
            i++;
        }
        return (null, tokens);
    }

    public static List<(string Role, string Content)> ReadMessages(JsonElement body)
    {
        if (Optional(body, "messages") is not { ValueKind: JsonValueKind.Array } messages || messages.GetArrayLength() == 0)
            throw new RequestValidationException("messages", "messages is required: a non-empty array of {\"role\", \"content\"} objects.");
        if (messages.GetArrayLength() > RequestLimits.MaxMessages)
            throw new RequestValidationException("messages", $"messages has {messages.GetArrayLength()} entries; this server takes at most {RequestLimits.MaxMessages}.");
        var turns = new List<(string, string)>(messages.GetArrayLength());
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var where = $"messages[{i++}]";
            if (message.ValueKind != JsonValueKind.Object
                || Optional(message, "role") is not { ValueKind: JsonValueKind.String } role)
                throw new RequestValidationException(where, $"{where} must be an object with a string role.");
            turns.Add((Text(role, $"{where}.role"), ReadContent(message, where)));
        }
        return turns;
    }

    /// <summary>Content is a string, or an array of parts of which only text parts are supported.</summary>
    private static string ReadContent(JsonElement message, string where)
    {
        var content = Optional(message, "content");
        if (content is null)
            return "";
        if (content.Value.ValueKind == JsonValueKind.String)
            return Text(content.Value, $"{where}.content");
        if (content.Value.ValueKind != JsonValueKind.Array)
            throw new RequestValidationException($"{where}.content", $"{where}.content must be a string or an array of text parts.");
        if (content.Value.GetArrayLength() > RequestLimits.MaxContentParts)
        {
            throw new RequestValidationException($"{where}.content",
                $"{where}.content has {content.Value.GetArrayLength()} parts; this server takes at most {RequestLimits.MaxContentParts}.");
        }
        var parts = new List<string>(content.Value.GetArrayLength());
        foreach (var part in content.Value.EnumerateArray())
        {
            if (Optional(part, "type") is not { ValueKind: JsonValueKind.String } type || !type.ValueEquals("text")
                || Optional(part, "text") is not { ValueKind: JsonValueKind.String } text)
                throw new RequestValidationException($"{where}.content", $"{where}.content may only hold text parts ({{\"type\": \"text\", \"text\": ...}}).");
            parts.Add(Text(text, $"{where}.content"));
        }
        return string.Concat(parts);
    }
}
