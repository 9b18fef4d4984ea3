using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// `benchcluster report` end to end: a tiny local-mode run with a micro and a request-level scenario and a price,
/// then the report command writes the HTML page, the Markdown summary and the plots for it, and with --compare a
/// comparison section.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ReportCommandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Report_of_a_local_run_writes_html_markdown_and_the_plots_its_data_supports()
    {
        var folder = RepositoryPaths.Scratch("report-command");
        var suite = Path.Combine(folder, "report-suite.yaml");
        await File.WriteAllTextAsync(suite, """
            name: report-e2e
            repetitions: 2
            warmup: 1
            models:
              - {name: tiny-f16, preset: tiny, type: f16}
            workload:
              prompt_tokens: 16
              output_tokens: 6
            scenarios:
              - {name: tg8, kind: tg, output_tokens: 8}
              - {name: arrivals, kind: poisson, requests: 6, parameters: {rate: [20]}}
            parameters:
              threads: [1]
            cost:
              nodes:
                - {name: "*", usd_per_hour: 0.05, watts: 30}
            """);
        var watch = Stopwatch.StartNew();
        var run = await CommandProcess.RunAsync(["run", suite], RunTimeout);
        output.WriteLine($"run took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(run.ExitCode == 0, run.Output);
        var runId = RunIdPattern().Match(run.Output).Groups[1].Value;
        Assert.NotEmpty(runId);

        var directory = Path.Combine(folder, runId);
        var report = await CommandProcess.RunAsync(["report", runId, "--out", directory], TimeSpan.FromMinutes(2));
        output.WriteLine(report.Output);

        Assert.True(report.ExitCode == 0, report.Output);
        var html = Path.Combine(directory, "report.html");
        // stdout carries the page's path alone (for scripts); the list of files written goes to stderr.
        Assert.Equal(Path.GetFullPath(html), report.StandardOutput.Trim());
        Assert.Contains("wrote " + Path.Combine(directory, "plots", "throughput-tg8.svg"), report.Output);
        var page = await File.ReadAllTextAsync(html);
        foreach (var expected in new[] { "report-e2e", runId, "tiny-f16", "tg8", "arrivals", "threads=1", "rate=20", "VALID" })
            Assert.Contains(expected, page);
        Assert.DoesNotContain("http://", page);
        Assert.DoesNotContain("https://", page);
        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "report.md"));
        Assert.Contains("| tiny-f16 |", markdown);
        foreach (var plot in new[] { "throughput-tg8", "throughput-arrivals", "latency-ttft", "latency-tpot", "cost-throughput-tg8", "cost-throughput-arrivals", "ttft-distribution", "itl-distribution" })
        {
            Assert.True(new FileInfo(Path.Combine(directory, "plots", plot + ".svg")).Length > 1_000, plot);
            Assert.True(new FileInfo(Path.Combine(directory, "plots", plot + ".png")).Length > 1_000, plot);
            Assert.Contains($"id=\"plot-{plot}\"", page);
        }

        // Against itself by an id prefix: every point matches, nothing regressed.
        var compared = Path.Combine(folder, runId + "-self");
        var withBase = await CommandProcess.RunAsync(["report", runId[..8], "--compare", runId, "--out", compared], TimeSpan.FromMinutes(2));
        Assert.True(withBase.ExitCode == 0, withBase.Output);
        var comparedPage = await File.ReadAllTextAsync(Path.Combine(compared, "report.html"));
        Assert.Contains("<h2 id=\"comparison\">", comparedPage);
        Assert.Contains("No performance regression against the base run", comparedPage);
        Assert.Contains("2 matched point(s)", comparedPage);
    }

    [GeneratedRegex(@"run ([0-9a-f-]{36}): \d+ jobs")]
    private static partial Regex RunIdPattern();
}
