using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Measurement.Tests.Fleet;

public sealed class FleetSplitTests
{
    private static FleetShare Share(int index, int drivers) =>
        new() { Index = index, Nodes = Enumerable.Range(0, drivers).Select(i => $"w{i}").ToList() };

    [Fact]
    public void The_rate_is_split_evenly_and_adds_up_to_the_requested_one()
    {
        var parts = Enumerable.Range(0, 3).Select(i => FleetSplit.Rate(10, Share(i, 3))).ToList();

        Assert.All(parts, part => Assert.Equal(10 / 3.0, part, 12));
        Assert.Equal(10, parts.Sum(), 12);
        Assert.Equal(10, FleetSplit.Rate(10, null));
    }

    [Fact]
    public void Concurrency_is_split_with_the_remainder_going_to_the_first_drivers()
    {
        var parts = Enumerable.Range(0, 3).Select(i => FleetSplit.Concurrency(7, Share(i, 3))).ToList();

        Assert.Equal([3, 2, 2], parts);
        Assert.Equal([2, 2], Enumerable.Range(0, 2).Select(i => FleetSplit.Concurrency(4, Share(i, 2))));
        Assert.Equal(5, FleetSplit.Concurrency(5, null));
    }

    [Fact]
    public void Every_driver_sends_the_same_share_of_requests_rounded_up_so_their_schedules_end_together()
    {
        Assert.Equal(34, FleetSplit.Requests(100, Share(0, 3)));
        Assert.Equal(34, FleetSplit.Requests(100, Share(2, 3)));
        Assert.Equal(50, FleetSplit.Requests(100, Share(1, 2)));
        Assert.Equal(100, FleetSplit.Requests(100, null));
    }

    [Fact]
    public void Each_driver_draws_from_its_own_seed()
    {
        var seeds = Enumerable.Range(0, 8).Select(i => SeedDerivation.ForDriver(1234, i)).ToList();

        Assert.Equal(8, seeds.Distinct().Count());
        Assert.DoesNotContain(1234, seeds);
        Assert.Equal(seeds[3], SeedDerivation.ForDriver(1234, 3));
    }
}
