using BenchCluster.Reporting.Selecting;

namespace BenchCluster.Reporting.Tests.Selecting;

public sealed class ParetoFrontierTests
{
    private sealed record Config(string Name, double? Cost, double? Throughput);

    private static readonly ParetoObjective<Config>[] CheapAndFast =
    [
        new("cost", c => c.Cost, HigherIsBetter: false),
        new("throughput", c => c.Throughput, HigherIsBetter: true),
    ];

    [Fact]
    public void Keeps_only_configurations_no_other_beats_on_both_axes()
    {
        var configs = new[]
        {
            new Config("cheap-slow", 1, 10),
            new Config("dear-fast", 5, 50),
            new Config("dominated", 5, 20),
            new Config("middle", 2, 30),
            new Config("unknown-price", null, 100),
        };

        var frontier = ParetoFrontier.Of(configs, CheapAndFast).Select(c => c.Name).Order().ToList();

        Assert.Equal(["cheap-slow", "dear-fast", "middle"], frontier);
    }

    [Fact]
    public void Equal_configurations_both_stay_on_the_frontier()
    {
        var frontier = ParetoFrontier.Of([new Config("a", 1, 10), new Config("b", 1, 10)], CheapAndFast);

        Assert.Equal(2, frontier.Count);
    }
}
