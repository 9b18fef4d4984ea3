using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>A status, its headers and the OpenAI error object of an answer (null when the body holds none).</summary>
internal sealed record RawResponse(HttpStatusCode Status, HttpResponseHeaders Headers, JsonElement? Error, string Body)
{
    public static async Task<RawResponse> PostAsync(HttpClient http, string path, HttpContent content, Action<HttpRequestMessage>? configure = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        configure?.Invoke(message);
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        return new RawResponse(response.StatusCode, response.Headers, ErrorOf(body), body);
    }

    public static Task<RawResponse> PostJsonAsync(HttpClient http, string path, string json, Action<HttpRequestMessage>? configure = null) =>
        PostAsync(http, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), configure);

    public string Message => Error?.GetProperty("message").GetString() ?? $"(no error object in: {Body})";

    public string? Param => Error?.GetProperty("param").GetString();

    public string? Type => Error?.GetProperty("type").GetString();

    private static JsonElement? ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) ? error.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
