using System.Text.Json;

namespace BenchCluster.Serving.Responses;

/// <summary>
/// The OpenAI "usage" object. An unknown prompt count is written as null rather than guessed; prompt tokens the engine
/// reused from its cache go in prompt_tokens_details.cached_tokens, as vLLM and llama-server report them.
/// </summary>
internal static class UsageJson
{
    public static void Write(Utf8JsonWriter json, int? promptTokens, int completionTokens, int? cachedPromptTokens = null)
    {
        json.WriteStartObject("usage");
        if (promptTokens is { } prompt)
        {
            json.WriteNumber("prompt_tokens", prompt);
            json.WriteNumber("total_tokens", prompt + completionTokens);
        }
        else
        {
            json.WriteNull("prompt_tokens");
            json.WriteNull("total_tokens");
        }
        json.WriteNumber("completion_tokens", completionTokens);
        if (cachedPromptTokens is { } cached)
        {
            json.WriteStartObject("prompt_tokens_details");
            json.WriteNumber("cached_tokens", cached);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
