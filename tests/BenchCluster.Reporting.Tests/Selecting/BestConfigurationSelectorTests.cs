using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Selecting;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Reporting.Tests.Selecting;

public sealed class BestConfigurationSelectorTests
{
    private static readonly Guid Run = Guid.Parse("cccccccc-0000-0000-0000-000000000003");

    private static ResultRecord Config(string name, double tokensPerSecond, double? usd, double ttftP99, double e2elP99, string verdict = "VALID") => new()
    {
        RunId = Run,
        SuiteName = "suite",
        PointKey = "key-" + name,
        PointLabel = name,
        Model = name,
        ModelFile = name + ".gguf",
        Node = "node-" + name,
        Scenario = "chat",
        ScenarioKind = "concurrency",
        Settings = new ResultSettings(),
        TokensPerSecond = tokensPerSecond,
        Repetitions = 3,
        TtftMs = new LatencySummary { Count = 30, P50 = ttftP99 / 2, P90 = ttftP99 * 0.8, P99 = ttftP99 },
        E2elMs = new LatencySummary { Count = 30, P50 = e2elP99 / 2, P90 = e2elP99 * 0.8, P99 = e2elP99 },
        Cost = new ResultCost { UsdPerMTokBlended = usd },
        Verdict = verdict,
        VerdictReasons = verdict == "VALID" ? [] : ["CV 30 % > max_cv 10 %"],
        Provenance = new ResultProvenance { CreatedAt = DateTimeOffset.UnixEpoch },
    };

    private static readonly ResultRecord[] Fleet =
    [
        Config("cheap-slow", 50, 0.10, ttftP99: 900, e2elP99: 6000),
        Config("middle", 120, 0.30, ttftP99: 400, e2elP99: 3000),
        Config("dear-fast", 300, 1.20, ttftP99: 150, e2elP99: 1200),
        Config("dominated", 100, 0.50, ttftP99: 500, e2elP99: 3500),
        Config("broken-cheap", 400, 0.01, ttftP99: 100, e2elP99: 900, verdict: "INVALID"),
    ];

    [Fact]
    public void Cheapest_valid_configuration_meeting_the_slo_wins_and_the_rows_prove_it()
    {
        var group = Assert.Single(BestConfigurationSelector.Select(Run, Fleet, BestObjective.Cost, SloBounds.Parse("ttft_ms=500")).Groups);

        Assert.Equal("middle", group.Best!.Result.Model);
        Assert.Equal(["cost", "throughput", "latency"], group.FrontierAxes);
        Assert.Equal("middle", group.Rows[0].Result.Model);
        var byName = group.Rows.ToDictionary(r => r.Result.Model);
        Assert.Contains("ttft_ms p99 900 > 500", byName["cheap-slow"].Excluded);
        Assert.StartsWith("INVALID", byName["broken-cheap"].Excluded[0], StringComparison.Ordinal);
        Assert.True(byName["dear-fast"].OnFrontier);
        Assert.False(byName["dominated"].OnFrontier);
        Assert.False(byName["broken-cheap"].OnFrontier);
    }

    [Fact]
    public void Throughput_and_latency_objectives_pick_the_fastest_and_the_quickest()
    {
        Assert.Equal("dear-fast", Assert.Single(BestConfigurationSelector.Select(Run, Fleet, BestObjective.Throughput).Groups).Best!.Result.Model);
        Assert.Equal("dear-fast", Assert.Single(BestConfigurationSelector.Select(Run, Fleet, BestObjective.Latency).Groups).Best!.Result.Model);
        Assert.Equal("cheap-slow", Assert.Single(BestConfigurationSelector.Select(Run, Fleet, BestObjective.Cost).Groups).Best!.Result.Model);
    }

    [Fact]
    public void When_nothing_meets_the_slo_there_is_no_best_and_the_message_says_so()
    {
        var report = BestConfigurationSelector.Select(Run, Fleet, BestObjective.Cost, SloBounds.Parse("ttft_ms=50,percentile=p90"));

        var group = Assert.Single(report.Groups);
        Assert.Null(group.Best);
        Assert.False(report.FoundAll);
        Assert.Contains("none of 5 configuration(s) is VALID and meets the SLO (ttft_ms ≤ 50 at p90)", group.Message, StringComparison.Ordinal);
        Assert.All(group.Rows, r => Assert.False(r.IsCandidate));
    }

    [Fact]
    public void Unknown_prices_are_never_ranked_as_free()
    {
        var unpriced = Fleet.Select(r => r with { Cost = new ResultCost() }).ToList();

        var byCost = Assert.Single(BestConfigurationSelector.Select(Run, unpriced, BestObjective.Cost).Groups);
        var byThroughput = Assert.Single(BestConfigurationSelector.Select(Run, unpriced, BestObjective.Throughput).Groups);

        Assert.Null(byCost.Best);
        Assert.Contains("prices unknown", byCost.Message, StringComparison.Ordinal);
        Assert.Equal("dear-fast", byThroughput.Best!.Result.Model);
        Assert.Equal(["throughput", "latency"], byThroughput.FrontierAxes);
        Assert.Contains("prices unknown", byThroughput.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ttft=500")]
    [InlineData("ttft_ms=-1")]
    [InlineData("ttft_ms=")]
    [InlineData("tpot_ms=NaN")]
    [InlineData("percentile=p95")]
    public void Malformed_slos_are_refused_naming_the_part(string text)
    {
        var error = Assert.Throws<FormatException>(() => SloBounds.Parse(text));

        Assert.Contains(text.Split('=')[0], error.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("best --slo", text, 1, "FormatException naming the part and the accepted form; nothing selected",
            nameof(Malformed_slos_are_refused_naming_the_part)));
    }
}
