using System.Text.Json;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using static BenchCluster.Serving.Requests.JsonFields;

namespace BenchCluster.Serving.Requests;

/// <summary>
/// Reads an OpenAI /v1/completions or /v1/chat/completions body. Accepts max_tokens (aliases
/// max_completion_tokens, n_predict), ignore_eos, min_tokens, temperature, top_k, seed, stream,
/// stream_options.include_usage; ignores fields it does not use, as OpenAI-compatible servers do, but still
/// refuses counts no client needs (n, best_of, stop) so that nothing a request carries is unbounded.
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
        CheckCounts(body);

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

        var (text, tokens) = chat
            ? (ChatPrompt.Render(PromptReader.ReadMessages(body), options.ChatTemplate), null)
            : PromptReader.ReadPrompt(body, options.MaxTokensLimit);
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
        if (model.ValueEquals("") || model.ValueEquals(options.ModelName))
            return;
        throw new RequestValidationException("model",
            $"The model {Shown(model)} is not served here; this server serves '{options.ModelName}' (GET /v1/models).", 404, "model_not_found");
    }

    /// <summary>Several choices per request are not generated; stop sequences are bounded as OpenAI bounds them.</summary>
    private static void CheckCounts(JsonElement body)
    {
        foreach (var name in (ReadOnlySpan<string>)["n", "best_of"])
        {
            if (Optional(body, name) is { } value && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count != 1))
                throw new RequestValidationException(name, $"Only {name} = 1 is supported (got {Shown(value)}).");
        }
        if (Optional(body, "stop") is not { } stop || stop.ValueKind == JsonValueKind.String)
            return;
        if (stop.ValueKind != JsonValueKind.Array)
            throw new RequestValidationException("stop", $"stop must be a string or an array of strings (got {Shown(stop)}).");
        if (stop.GetArrayLength() > RequestLimits.MaxStopSequences)
            throw new RequestValidationException("stop", $"stop has {stop.GetArrayLength()} sequences; at most {RequestLimits.MaxStopSequences} are accepted.");
    }

    private static int ReadMaxTokens(JsonElement body, OpenAiServerOptions options)
    {
        var range = $"between 1 and {options.MaxTokensLimit} (the tokens one request can hold here)";
        foreach (var name in (ReadOnlySpan<string>)["max_tokens", "max_completion_tokens", "n_predict"])
        {
            if (ReadInt(body, name, 1, options.MaxTokensLimit, range) is { } value)
                return value;
        }
        return Math.Min(options.DefaultMaxTokens, options.MaxTokensLimit);
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
}
