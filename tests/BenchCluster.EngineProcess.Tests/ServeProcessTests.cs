using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using BenchCluster.Remote;
using BenchCluster.Testing;

namespace BenchCluster.EngineProcess.Tests;

/// <summary>`benchcluster serve` as a real process: it prints where it listens, answers the remote backend, and stops cleanly on SIGTERM.</summary>
public sealed partial class ServeProcessTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    [GeneratedRegex(@"^base_url (?<url>http://\S+/v1)$")]
    private static partial Regex BaseUrlLine();

    [Fact]
    public async Task Serve_prints_its_base_url_answers_the_remote_backend_and_exits_0_on_sigterm()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        using var serve = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "benchcluster.dll"), "serve", "--model", TestModels.TinyModelPath, "--port", "0", "--slots", "2", "--threads", "1", "--model-name", "tiny" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var baseUrl = await ReadBaseUrlAsync(serve, guard.Token);
            await using var client = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = new Uri(baseUrl), Model = "tiny" });

            var request = new CompletionRequest { PromptTokens = [1, 2, 3, 4], MaxTokens = 12, Sampling = SamplingOptions.Greedy };
            var streams = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
            {
                var chunks = new List<CompletionChunk>();
                await foreach (var chunk in client.StreamAsync(request, guard.Token))
                    chunks.Add(chunk);
                return chunks;
            }));

            Assert.All(streams, chunks => Assert.Equal(12, chunks.Sum(c => c.TokenCount)));
            Assert.All(streams, chunks => Assert.Equal(12, chunks[^1].CompletionTokens));
            Assert.All(streams, chunks => Assert.Equal(4, chunks[^1].PromptTokens));
            Assert.All(streams, chunks => Assert.Equal(string.Concat(streams[0].Select(c => c.Text)), string.Concat(chunks.Select(c => c.Text))));

            using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync(guard.Token);
            await serve.WaitForExitAsync(guard.Token);
            Assert.Equal(0, serve.ExitCode);
            Assert.Contains("stopped", await serve.StandardOutput.ReadToEndAsync(guard.Token), StringComparison.Ordinal);
        }
        finally
        {
            if (!serve.HasExited)
                serve.Kill();
        }
    }

    [Fact]
    public async Task Serve_listens_on_loopback_by_default_requires_its_key_from_the_environment_and_answers_an_overlong_prompt_400()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        // BENCHCLUSTER_* names are reserved: the benchmark client refuses to send them.
        var variable = "BCTEST_SERVE_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var key = "sk-" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "benchcluster.dll"), "serve", "--model", TestModels.TinyModelPath, "--port", "0", "--slots", "2", "--ctx", "512", "--threads", "1", "--model-name", "tiny", "--api-key-env", variable },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[variable] = key;
        using var serve = Process.Start(start)!;
        try
        {
            var baseUrl = new Uri(await ReadBaseUrlAsync(serve, guard.Token));
            var commandLine = await File.ReadAllTextAsync($"/proc/{serve.Id}/cmdline", guard.Token);
            Environment.SetEnvironmentVariable(variable, key);
            await using var keyed = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = baseUrl, Model = "tiny", ApiKeyEnvironmentVariable = variable, AllowedApiKeyVariables = ApiKeyVariables.Parse([variable]) });
            await using var unkeyed = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = baseUrl, Model = "tiny" });

            var tokens = 0;
            await foreach (var chunk in keyed.StreamAsync(new CompletionRequest { PromptTokens = [1, 2, 3], MaxTokens = 5 }, guard.Token))
                tokens += chunk.TokenCount;
            var refused = await Assert.ThrowsAsync<CompletionException>(() => DrainAsync(unkeyed, new CompletionRequest { PromptTokens = [1, 2, 3], MaxTokens = 5 }, guard.Token));
            var overlong = await Assert.ThrowsAsync<CompletionException>(() =>
                DrainAsync(keyed, new CompletionRequest { Prompt = string.Join(' ', Enumerable.Range(0, 600).Select(i => $"w{i}")), MaxTokens = 5 }, guard.Token));

            Assert.Equal("127.0.0.1", baseUrl.Host);
            Assert.DoesNotContain(key, commandLine, StringComparison.Ordinal);
            Assert.Equal(5, tokens);
            Assert.Equal(401, refused.StatusCode);
            Assert.Equal(400, overlong.StatusCode);
            Assert.Contains("holds 256", overlong.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (!serve.HasExited)
                serve.Kill();
        }
        await serve.WaitForExitAsync(guard.Token);
        var output = await serve.StandardOutput.ReadToEndAsync(guard.Token) + await serve.StandardError.ReadToEndAsync(guard.Token);
        Assert.Contains($"requires the API key from the environment variable {variable}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
    }

    private static async Task DrainAsync(OpenAiCompatibleBackend client, CompletionRequest request, CancellationToken cancellationToken)
    {
        await foreach (var _ in client.StreamAsync(request, cancellationToken))
        {
            // only the failure matters
        }
    }

    private static async Task<string> ReadBaseUrlAsync(Process serve, CancellationToken cancellationToken)
    {
        while (await serve.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (BaseUrlLine().Match(line) is { Success: true } match)
                return match.Groups["url"].Value;
        }
        throw new InvalidOperationException($"benchcluster serve ended without printing its address: {await serve.StandardError.ReadToEndAsync(cancellationToken)}");
    }
}
