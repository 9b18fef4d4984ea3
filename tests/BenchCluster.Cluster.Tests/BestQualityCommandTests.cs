using System.Diagnostics;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Cluster.Tests;

/// <summary>`benchcluster best` refuses quality bounds that are not figures before it contacts any database.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BestQualityCommandTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A Postgres nobody listens on: reaching it would fail the command with a different error.</summary>
    private static readonly Dictionary<string, string> NoCluster = new() { ["BENCHCLUSTER_POSTGRES"] = "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x" };

    [Theory]
    [InlineData("--max-kld", "-0.5", "--max-kld -0.5 is not a KL-divergence")]
    [InlineData("--min-top1", "95", "--min-top1 95 is not a share: give 0..1")]
    [InlineData("--max-ppl-delta", "NaN", "--max-ppl-delta NaN is not a number")]
    public async Task A_quality_bound_that_is_not_a_figure_is_one_clear_error(string option, string value, string expected)
    {
        var clock = Stopwatch.StartNew();
        var result = await CommandProcess.RunAsync(["best", "some-run", option, value], CommandTimeout, NoCluster);
        var elapsed = clock.Elapsed;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Port=1", result.Output, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("command line", $"`benchcluster best RUN {option} {value}`", 1,
            $"exit 1 with \"{expected}…\" after {elapsed.TotalSeconds:F1} s (process start included), nothing contacted",
            nameof(A_quality_bound_that_is_not_a_figure_is_one_clear_error)));
    }
}
