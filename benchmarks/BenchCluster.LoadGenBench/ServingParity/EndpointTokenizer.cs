using System.Net.Http.Headers;
using System.Text.Json;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>
/// Tokenizes with llama-server's POST /tokenize (the same vocabulary both servers load), so the benchmark sends both
/// servers the same token-id prompts of exactly the requested length without loading the model in the client.
/// </summary>
internal sealed class EndpointTokenizer(Uri serverRoot) : IPromptTokenizer
{
    /// <summary>The bundled prompt set is a few thousand tokens; a larger answer is not a tokenization.</summary>
    private const int MaxResponseBytes = 4 << 20;

    private readonly Dictionary<string, int[]> _known = [];

    /// <summary>Every job tokenizes the same prompt set: asked once, so no run finds llama-server busy tokenizing.</summary>
    public async Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(text, out var known))
            return known;
        using var http = new HttpClient { MaxResponseContentBufferSize = MaxResponseBytes, Timeout = TimeSpan.FromSeconds(30) };
        // A body with a Content-Length (JsonContent would stream it chunked, which not every server reads).
        using var request = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { content = text, add_special = false }));
        request.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(serverRoot, "tokenize"), request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        if (!body.RootElement.TryGetProperty("tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array)
            throw new InvalidOperationException($"{serverRoot}tokenize answered without a \"tokens\" array.");
        return _known[text] = tokens.EnumerateArray().Select(t => t.GetInt32()).ToArray();
    }
}
