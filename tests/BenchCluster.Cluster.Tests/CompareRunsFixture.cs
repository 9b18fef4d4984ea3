using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// One tiny suite run twice in local mode: on two CPUs of its own (2 threads: a suite without `threads` uses the CPUs
/// it may run on), and pinned to one CPU that a busy loop shares with it (1 thread getting about half a CPU). The suite
/// is the same, so the points match; the contended run is slower by a gap the machine's state cannot close (1 against
/// 2 threads alone differed by only 10–12 % on the tiny model on a quiet host, too little to be significant).
/// Each repetition times runs back to back (pp256 about 0.1 s, tg64 about 0.15 s on the quiet side): a single tiny
/// pp256 lasts 5 ms, and one disturbed fresh-clone run had quiet repetitions from 24,658 to 76,411 t/s.
/// </summary>
public sealed partial class CompareRunsFixture : IAsyncLifetime
{
    public const string ContendedTag = "compare-test-contended";
    public const string QuietTag = "compare-test-2-threads";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public Guid ContendedRun { get; private set; }
    public Guid QuietRun { get; private set; }
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
              - {name: pp256, kind: pp, prompt_tokens: 256, runs: 20}
              - {name: tg64, kind: tg, output_tokens: 64, runs: 4}
            """);
        QuietRun = await RunAsync(["run", suite, "--tag", QuietTag], ["taskset", "-c", "0,1"]);
        using (BusyLoopOnCpu0())
            ContendedRun = await RunAsync(["run", suite, "--tag", ContendedTag], ["taskset", "-c", "0"]);
    }

    /// <summary>A shell spinning on CPU 0 until disposed, so a run pinned there gets about half of that CPU.</summary>
    private static IDisposable BusyLoopOnCpu0()
    {
        var info = new ProcessStartInfo("taskset") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "0", "sh", "-c", "while :; do :; done" })
            info.ArgumentList.Add(argument);
        var loop = Process.Start(info) ?? throw new InvalidOperationException("could not start the busy loop");
        return new Killer(loop);
    }

    private sealed class Killer(Process process) : IDisposable
    {
        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
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
