using System.Text.RegularExpressions;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;

namespace BenchCluster.Cluster.Tests.Exports;

/// <summary>
/// Two local-mode runs shared by the export tests: a priced suite with a micro-benchmark (tg) and a request-level
/// scenario (concurrency, with SLOs), and a suite without a cost section. Both print `--format json`.
/// </summary>
public sealed partial class LocalRunExports : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    internal CommandProcess.Result Priced { get; private set; } = null!;
    internal CommandProcess.Result Unpriced { get; private set; } = null!;
    public Guid PricedRunId { get; private set; }

    public async Task InitializeAsync()
    {
        var folder = RepositoryPaths.Scratch("exports");
        var priced = Path.Combine(folder, "priced.yaml");
        await File.WriteAllTextAsync(priced, """
            name: export-priced
            repetitions: 2
            warmup: 1
            models:
              - {name: tiny, preset: tiny, type: f16}
            workload: {prompt_tokens: 16, output_tokens: 4}
            slo: {ttft_ms: 5000, tpot_ms: 1000}
            scenarios:
              - {name: tg8, kind: tg, output_tokens: 8}
              - {name: closed2, kind: concurrency, requests: 4, parameters: {concurrency: [2]}}
            parameters:
              threads: [1]
            cost:
              usd_per_kwh: 0.15
              nodes:
                - {name: "*", purchase_usd: 800, amortization_years: 3, watts: 35}
            """);
        var unpriced = Path.Combine(folder, "unpriced.yaml");
        await File.WriteAllTextAsync(unpriced, """
            name: export-unpriced
            repetitions: 1
            warmup: 0
            models:
              - {name: tiny, preset: tiny, type: f16}
            scenarios:
              - {name: tg4, kind: tg, output_tokens: 4}
            parameters:
              threads: [1]
            """);
        Priced = await CommandProcess.RunAsync(["run", priced, "--format", "json"], RunTimeout);
        Unpriced = await CommandProcess.RunAsync(["run", unpriced, "--format", "json"], RunTimeout);
        var id = RunIdPattern().Match(Priced.Output);
        if (id.Success)
            PricedRunId = Guid.Parse(id.Groups[1].Value);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"run ([0-9a-f-]{36}): \d+ jobs")]
    private static partial Regex RunIdPattern();
}
