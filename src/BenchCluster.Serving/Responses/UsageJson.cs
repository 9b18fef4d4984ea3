using System.Text.Json;

namespace BenchCluster.Serving.Responses;

/// <summary>The OpenAI "usage" object. An unknown prompt count is written as null rather than guessed.</summary>
internal static class UsageJson
{
    public static void Write(Utf8JsonWriter json, int? promptTokens, int completionTokens)
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
        json.WriteEndObject();
    }
}
