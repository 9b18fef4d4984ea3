using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>Local mode sends an endpoint's key only when `run --api-key-env` allows its variable.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LocalModeKeyTests(ITestOutputHelper output)
{
    private const string KeyVariable = "BCTEST_LOCAL_KEY";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Run_sends_a_key_only_from_a_variable_allowed_with_api_key_env()
    {
        var key = "sk-local-" + Guid.NewGuid().ToString("N");
        await using var server = new HostileEndpoint();
        var suite = Path.Combine(RepositoryPaths.Scratch("local-keys"), $"keyed-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(suite, $$$"""
            name: local-keyed
            repetitions: 1
            warmup: 0
            models:
              - {name: keyed, endpoint: {base_url: "{{{server.BaseUrl}}}", model: m, api_key_env: {{{KeyVariable}}}, extension_fields: false}}
            scenarios:
              - {name: c, kind: concurrency, requests: 3, parameters: {concurrency: [1]}}
            """);
        var environment = new Dictionary<string, string> { [KeyVariable] = key };

        var refused = await CommandProcess.RunAsync(["run", suite], RunTimeout, environment);
        output.WriteLine(refused.Output);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"api_key_env {KeyVariable} is allowed by no eligible node", refused.Output, StringComparison.Ordinal);
        Assert.Contains($"benchcluster run --api-key-env {KeyVariable}", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);

        var allowed = await CommandProcess.RunAsync(["run", suite, "--api-key-env", KeyVariable], RunTimeout, environment);
        output.WriteLine(allowed.Output);

        Assert.Contains($"Bearer {key}", server.AuthorizationHeaders);
        Assert.False(SecretSearch.Leaks(allowed.Output, key), allowed.Output);
        ReliabilityLog.BadInput(new BadInputRecord("suite endpoint", "local mode: a suite naming a key variable `run` was not told to allow", 1,
            "rejected naming the variable and 'benchcluster run --api-key-env NAME', 0 connections; allowed, the key is sent and not printed",
            nameof(Run_sends_a_key_only_from_a_variable_allowed_with_api_key_env)));
    }
}
