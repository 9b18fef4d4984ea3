using BenchCluster.Engine.Completions;

namespace BenchCluster.Remote.Tests;

internal static class RemoteTestSupport
{
    public static OpenAiCompatibleOptions OptionsFor(ScriptedHttpServer server, string? keyVariable = null) => new()
    {
        BaseUrl = server.BaseUrl,
        Model = "test-model",
        ApiKeyEnvironmentVariable = keyVariable,
        AllowedApiKeyVariables = keyVariable is null ? ApiKeyVariables.None : ApiKeyVariables.Parse([keyVariable]),
    };

    public static CompletionRequest Request(int maxTokens = 4) => new() { Prompt = "Hello", MaxTokens = maxTokens };

    public static async Task<List<CompletionChunk>> CollectAsync(
        ICompletionBackend backend, CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var chunks = new List<CompletionChunk>();
        await foreach (var chunk in backend.StreamAsync(request, cancellationToken))
            chunks.Add(chunk);
        return chunks;
    }

    /// <summary>A process-unique environment variable holding a fresh fake key; tests never share one.</summary>
    public static (string Variable, string Key) FakeKey()
    {
        var variable = "BCTEST_KEY_" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var key = "sk-test-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, key);
        return (variable, key);
    }
}
