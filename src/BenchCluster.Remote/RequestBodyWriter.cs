using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Remote;

/// <summary>Writes the JSON body of a streaming completion or chat request.</summary>
internal static class RequestBodyWriter
{
    public static byte[] Write(CompletionRequest request, bool chat, OpenAiCompatibleOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var extra = options.ExtraBodyFields;
            json.WriteStartObject();
            if (!extra.ContainsKey("model"))
                json.WriteString("model", options.Model);
            if (chat)
                WriteMessages(json, request, extra);
            else
                WritePrompt(json, request, extra);
            if (!extra.ContainsKey(options.MaxTokensField))
                json.WriteNumber(options.MaxTokensField, request.MaxTokens);
            if (!extra.ContainsKey("stream"))
                json.WriteBoolean("stream", true);
            WriteUsageRequest(json, options);
            WriteSampling(json, request.Sampling, options);
            if (request.IgnoreEos && options.SendExtensionFields)
            {
                // ignore_eos alone still lets other stop tokens end generation early on some servers:
                // min_tokens makes vLLM/SGLang produce the full length (llama-server ignores the field).
                if (!extra.ContainsKey("ignore_eos"))
                    json.WriteBoolean("ignore_eos", true);
                if (!extra.ContainsKey("min_tokens"))
                    json.WriteNumber("min_tokens", request.MaxTokens);
            }
            foreach (var (name, value) in extra)
            {
                json.WritePropertyName(name);
                if (value is null)
                    json.WriteNullValue();
                else
                    value.WriteTo(json);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Asks for usage in the stream, and where the server can give it, a running token count in every event so each
    /// event's count is exact (per-token ITL): vLLM's stream_options.continuous_usage_stats, llama-server's
    /// timings_per_token (timings.predicted_n). Both are extensions a hosted API may refuse, so they follow
    /// <see cref="OpenAiCompatibleOptions.SendExtensionFields"/>; servers that do not know them ignore them.
    /// </summary>
    private static void WriteUsageRequest(Utf8JsonWriter json, OpenAiCompatibleOptions options)
    {
        var extra = options.ExtraBodyFields;
        if (!extra.ContainsKey("stream_options"))
        {
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            if (options.SendExtensionFields)
                json.WriteBoolean("continuous_usage_stats", true);
            json.WriteEndObject();
        }
        if (options.SendExtensionFields && !extra.ContainsKey("timings_per_token"))
            json.WriteBoolean("timings_per_token", true);
    }

    private static void WritePrompt(Utf8JsonWriter json, CompletionRequest request, IReadOnlyDictionary<string, JsonNode?> extra)
    {
        if (extra.ContainsKey("prompt"))
            return;
        if (request.Prompt is not null)
        {
            json.WriteString("prompt", request.Prompt);
            return;
        }
        // Token ids as the prompt: the completions API accepts an array of integers.
        json.WriteStartArray("prompt");
        foreach (var token in request.PromptTokens!)
            json.WriteNumberValue(token);
        json.WriteEndArray();
    }

    private static void WriteMessages(Utf8JsonWriter json, CompletionRequest request, IReadOnlyDictionary<string, JsonNode?> extra)
    {
        if (extra.ContainsKey("messages"))
            return;
        json.WriteStartArray("messages");
        // Multi-turn and shared-prefix requests carry the conversation so far; single-turn ones are one user message.
        foreach (var message in request.Messages ?? [new ChatMessage("user", request.Prompt ?? "")])
        {
            json.WriteStartObject();
            json.WriteString("role", message.Role);
            json.WriteString("content", message.Content);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteSampling(Utf8JsonWriter json, SamplingOptions sampling, OpenAiCompatibleOptions options)
    {
        var extra = options.ExtraBodyFields;
        if (sampling.Mode == SamplingMode.Temperature)
        {
            if (!extra.ContainsKey("temperature"))
                json.WriteNumber("temperature", sampling.Temperature);
            if (options.SendExtensionFields && !extra.ContainsKey("top_k"))
                json.WriteNumber("top_k", sampling.TopK);
            // Our sampler is top-k, temperature, draw; llama-server would add its default top_p 0.95 and min_p 0.05
            // (vLLM has top_p 1, min_p 0 already), so both are turned off to draw from the same distribution.
            if (!extra.ContainsKey("top_p"))
                json.WriteNumber("top_p", 1);
            if (options.SendExtensionFields && !extra.ContainsKey("min_p"))
                json.WriteNumber("min_p", 0);
        }
        else if (!extra.ContainsKey("temperature"))
        {
            // Greedy, and llama-bench's "None" (no sampling at all) which no server offers: temperature 0 is the closest.
            json.WriteNumber("temperature", 0);
        }
        if (!extra.ContainsKey("seed"))
            json.WriteNumber("seed", sampling.Seed);
    }
}
