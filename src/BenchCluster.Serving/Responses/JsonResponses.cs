using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace BenchCluster.Serving.Responses;

/// <summary>Whole (non-streamed) JSON answers: errors, complete completions, the model list, health.</summary>
internal static class JsonResponses
{
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string type, string message, string? param)
    {
        if (statusCode == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "1";
        return WriteAsync(context, statusCode, json => ErrorJson.Write(json, statusCode, type, message, param));
    }

    public static Task WriteCompletionAsync(
        HttpContext context, CompletionIdentity identity, string text, string finishReason, int? promptTokens, int completionTokens, int? cachedPromptTokens = null) =>
        WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("id", identity.Id);
            json.WriteString("object", identity.CompleteObject);
            json.WriteNumber("created", identity.CreatedUnixSeconds);
            json.WriteString("model", identity.Model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            if (identity.IsChat)
            {
                json.WriteStartObject("message");
                json.WriteString("role", "assistant");
                json.WriteString("content", text);
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("text", text);
            }
            json.WriteNull("logprobs");
            json.WriteString("finish_reason", finishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            UsageJson.Write(json, promptTokens, completionTokens, cachedPromptTokens);
            json.WriteEndObject();
        });

    public static Task WriteModelsAsync(HttpContext context, string model, long createdUnixSeconds) =>
        WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            json.WriteStartObject();
            json.WriteString("id", model);
            json.WriteString("object", "model");
            json.WriteNumber("created", createdUnixSeconds);
            json.WriteString("owned_by", "benchcluster");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });

    public static Task WriteHealthAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteEndObject();
        });

    private static async Task WriteAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
            write(json);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
