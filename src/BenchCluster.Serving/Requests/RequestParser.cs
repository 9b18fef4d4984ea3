using System.Text.Json;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Serving.Requests;

/// <summary>
/// Reads an OpenAI /v1/completions or /v1/chat/completions body. Accepts max_tokens (aliases
/// max_completion_tokens, n_predict), ignore_eos, min_tokens, temperature, top_k, seed, stream,
/// stream_options.include_usage; ignores fields it does not use, as OpenAI-compatible servers do.
/// </summary>
internal static class RequestParser
{
    /// <summary>OpenAI's default sampling temperature when a request gives none.</summary>
    private const float DefaultTemperature = 1.0f;

    public static ServedRequest Parse(JsonElement body, bool chat, OpenAiServerOptions options)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new RequestValidationException(null, "The request body must be a JSON object.");
        CheckModel(body, options);
        if (Optional(body, "n") is { } n && (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out var count) || count != 1))
            throw new RequestValidationException("n", "Only n = 1 is supported.");

        var maxTokens = ReadMaxTokens(body, options);
        var ignoreEos = ReadBool(body, "ignore_eos") ?? false;
        var minTokens = ReadInt(body, "min_tokens", 0, maxTokens, $"between 0 and max_tokens ({maxTokens})") ?? 0;
        if (minTokens > 0 && minTokens < maxTokens && !ignoreEos)
        {
            throw new RequestValidationException("min_tokens",
                $"min_tokens = {minTokens} below max_tokens = {maxTokens} is not supported: send min_tokens = max_tokens or ignore_eos = true to get exactly max_tokens tokens.");
        }
        var stream = ReadBool(body, "stream") ?? false;
        var includeUsage = stream && Optional(body, "stream_options") is { ValueKind: JsonValueKind.Object } streamOptions
            && (ReadBool(streamOptions, "include_usage", "stream_options.include_usage") ?? false);

        var (text, tokens) = chat ? (ChatPrompt.Render(ReadMessages(body), options.ChatTemplate), null) : ReadPrompt(body);
        var completion = new CompletionRequest
        {
            Prompt = text,
            PromptTokens = tokens,
            MaxTokens = maxTokens,
            IgnoreEos = ignoreEos || minTokens == maxTokens,
            Sampling = ReadSampling(body),
        };
        return new ServedRequest { Completion = completion, IsChat = chat, Stream = stream, IncludeUsage = includeUsage };
    }

    private static void CheckModel(JsonElement body, OpenAiServerOptions options)
    {
        if (Optional(body, "model") is not { } model)
            return;
        if (model.ValueKind != JsonValueKind.String)
            throw new RequestValidationException("model", "model must be a string.");
        var name = model.GetString();
        if (!string.IsNullOrEmpty(name) && name != options.ModelName)
        {
            throw new RequestValidationException("model",
                $"The model '{name}' is not served here; this server serves '{options.ModelName}' (GET /v1/models).", 404, "model_not_found");
        }
    }

    private static int ReadMaxTokens(JsonElement body, OpenAiServerOptions options)
    {
        foreach (var name in (ReadOnlySpan<string>)["max_tokens", "max_completion_tokens", "n_predict"])
        {
            if (ReadInt(body, name, 1, int.MaxValue, "at least 1") is { } value)
                return value;
        }
        return options.DefaultMaxTokens;
    }

    private static SamplingOptions ReadSampling(JsonElement body)
    {
        var temperature = ReadFloat(body, "temperature") ?? DefaultTemperature;
        var topK = ReadInt(body, "top_k", -1, int.MaxValue, "-1 (off) or more");
        var seed = ReadInt(body, "seed", 0, int.MaxValue, "between 0 and 2147483647");
        var defaults = SamplingOptions.Greedy;
        if (temperature == 0)
            return defaults with { Seed = seed is { } s ? (uint)s : defaults.Seed };
        return new SamplingOptions
        {
            Mode = SamplingMode.Temperature,
            Temperature = temperature,
            TopK = topK is { } k ? Math.Max(0, k) : defaults.TopK,
            Seed = seed is { } fixedSeed ? (uint)fixedSeed : defaults.Seed,
        };
    }

    private static (string? Text, int[]? Tokens) ReadPrompt(JsonElement body)
    {
        var prompt = Optional(body, "prompt") ?? throw new RequestValidationException("prompt", "prompt is required: a string, or an array of token ids.");
        if (prompt.ValueKind == JsonValueKind.String)
            return (prompt.GetString(), null);
        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String)
            return (prompt[0].GetString(), null);
        if (prompt.ValueKind != JsonValueKind.Array || prompt.GetArrayLength() == 0 || prompt[0].ValueKind != JsonValueKind.Number)
            throw new RequestValidationException("prompt", "prompt must be a string, an array of one string, or a non-empty array of token ids (batches of prompts are not supported).");
        var tokens = new int[prompt.GetArrayLength()];
        var i = 0;
        foreach (var token in prompt.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Number || !token.TryGetInt32(out tokens[i]) || tokens[i] < 0)
                throw new RequestValidationException("prompt", $"prompt[{i}] is not a token id (a non-negative integer).");
            i++;
        }
        return (null, tokens);
    }

    private static List<(string Role, string Content)> ReadMessages(JsonElement body)
    {
        if (Optional(body, "messages") is not { ValueKind: JsonValueKind.Array } messages || messages.GetArrayLength() == 0)
            throw new RequestValidationException("messages", "messages is required: a non-empty array of {\"role\", \"content\"} objects.");
        var turns = new List<(string, string)>(messages.GetArrayLength());
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var where = $"messages[{i++}]";
            if (message.ValueKind != JsonValueKind.Object
                || Optional(message, "role") is not { ValueKind: JsonValueKind.String } role)
                throw new RequestValidationException(where, $"{where} must be an object with a string role.");
            turns.Add((role.GetString()!, ReadContent(message, where)));
        }
        return turns;
    }

    /// <summary>Content is a string, or an array of parts of which only text parts are supported.</summary>
    private static string ReadContent(JsonElement message, string where)
    {
        var content = Optional(message, "content");
        if (content is null || content.Value.ValueKind == JsonValueKind.Null)
            return "";
        if (content.Value.ValueKind == JsonValueKind.String)
            return content.Value.GetString()!;
        if (content.Value.ValueKind == JsonValueKind.Array)
        {
            var parts = new List<string>();
            foreach (var part in content.Value.EnumerateArray())
            {
                if (Optional(part, "type")?.GetString() != "text" || Optional(part, "text") is not { ValueKind: JsonValueKind.String } text)
                    throw new RequestValidationException($"{where}.content", $"{where}.content may only hold text parts ({{\"type\": \"text\", \"text\": ...}}).");
                parts.Add(text.GetString()!);
            }
            return string.Concat(parts);
        }
        throw new RequestValidationException($"{where}.content", $"{where}.content must be a string or an array of text parts.");
    }

    private static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static bool? ReadBool(JsonElement obj, string name, string? shownName = null)
    {
        if (Optional(obj, name) is not { } value)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestValidationException(shownName ?? name, $"{shownName ?? name} must be true or false."),
        };
    }

    private static int? ReadInt(JsonElement obj, string name, int min, int max, string range)
    {
        if (Optional(obj, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
            throw new RequestValidationException(name, $"{name} must be an integer {range} (got {value.GetRawText()}).");
        return number;
    }

    private static float? ReadFloat(JsonElement obj, string name)
    {
        if (Optional(obj, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < 0 || !double.IsFinite(number))
            throw new RequestValidationException(name, $"{name} must be a number of 0 or more (got {value.GetRawText()}).");
        return (float)number;
    }
}
