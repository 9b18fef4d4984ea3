using System.Text.Json;

namespace BenchCluster.Serving.Responses;

/// <summary>The OpenAI error body: {"error": {"message", "type", "param", "code"}}.</summary>
internal static class ErrorJson
{
    public static void Write(Utf8JsonWriter json, int statusCode, string type, string message, string? param)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        if (param is null)
            json.WriteNull("param");
        else
            json.WriteString("param", param);
        json.WriteNumber("code", statusCode);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
