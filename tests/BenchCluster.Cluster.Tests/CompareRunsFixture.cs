using System.Text.RegularExpressions;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// One tiny suite run twice in local mode: pinned to one CPU (so the engine runs 1 thread: a suite without `threads`
/// uses the machine's core count) and on two CPUs (2 threads). The suite is the same, so the points match.
/// </summary>
public sealed partial class CompareRunsFixture : IAsyncLifetime
{
    public const string OneThreadTag = "compare-test-1-thread";
    public const string TwoThreadTag = "compare-test-2-threads";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public Guid OneThreadRun { get; private set; }
    public Guid TwoThreadRun { get; private set; }
    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.ProcessorCount < 2)
            throw new InvalidOperationException($"this machine offers {Environment.ProcessorCount} CPU to the tests; comparing 1 against 2 threads needs 2");
        var suite = Path.Combine(RepositoryPaths.Scratch("compare"), $"threads-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(suite, """
            name: compare-threads
            repetitions: 5
            warmup: 1
            models:
              - {name: tiny, preset: tiny, type: f16}
            scenarios:
              - {name: pp256, kind: pp, prompt_tokens: 256}
              - {name: tg64, kind: tg, output_tokens: 64}
            """);
        OneThreadRun = await RunAsync(["run", suite, "--tag", OneThreadTag], ["taskset", "-c", "0"]);
        TwoThreadRun = await RunAsync(["run", suite, "--tag", TwoThreadTag], null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> RunAsync(IReadOnlyList<string> arguments, IReadOnlyList<string>? launcher)
    {
        var run = await CommandProcess.RunAsync(arguments, RunTimeout, launcher: launcher);
        Log += run.Output;
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"benchcluster {string.Join(' ', arguments)} failed (exit {run.ExitCode}):\n{run.Output}");
        return Guid.Parse(RunIdPattern().Match(run.Output).Groups[1].Value);
    }

    [GeneratedRegex(@"run ([0-9a-f-]{36}): \d+ jobs")]
    private static partial Regex RunIdPattern();
}
