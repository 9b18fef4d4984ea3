using BenchCluster.Measurement.Fleet;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Timing;

namespace BenchCluster.Measurement.Tests.Fleet;

public sealed class FleetSplitTests
{
    private static FleetShare Share(int index, int drivers) =>
        new() { Index = index, Nodes = Enumerable.Range(0, drivers).Select(i => $"w{i}").ToList() };

    [Theory]
    [InlineData(3, 1.0)]
    [InlineData(2, 0.25)]
    public void Drivers_taking_every_nth_arrival_of_one_schedule_send_it_exactly_with_its_burstiness(int drivers, double burstiness)
    {
        var whole = ArrivalSchedule.Gamma(10, burstiness, 301, seed: 77);

        var parts = Enumerable.Range(0, drivers).Select(i => whole.Share(i, drivers)).ToList();
        var union = parts.SelectMany(p => p.OffsetsNs).Order().ToList();

        Assert.Equal(whole.OffsetsNs, union);
        Assert.Equal(301, parts.Sum(p => p.Count));
        Assert.All(parts, p => Assert.Equal(10.0 / drivers, p.Rate, 12));
        Assert.All(parts, p => Assert.InRange(p.Count, 301 / drivers, (301 / drivers) + 1));
        // Each driver's own gaps sum to its offsets: its first arrival comes at its offset in the whole schedule.
        Assert.All(parts, p => Assert.Equal(TimeUnits.ToSeconds(p.OffsetsNs[^1]), p.GapsSeconds.Sum(), 6));
        var wholeCv = Cv(Gaps(whole.OffsetsNs));
        Assert.Equal(wholeCv, Cv(Gaps(union)), 12);
        // What independent schedules at rate / drivers would have sent instead: the same rate, less bursty.
        if (burstiness < 1)
        {
            var independent = Enumerable.Range(0, drivers).SelectMany(i => ArrivalSchedule.Gamma(10.0 / drivers, burstiness, 301 / drivers, seed: 100 + i).OffsetsNs).Order().ToList();
            Assert.True(Cv(Gaps(independent)) < wholeCv * 0.85, $"independent CV {Cv(Gaps(independent)):F3} against {wholeCv:F3}");
        }
    }

    private static double[] Gaps(IReadOnlyList<long> offsets) => offsets.Select((o, i) => (double)(o - (i == 0 ? 0 : offsets[i - 1]))).ToArray();

    private static double Cv(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length) / mean;
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
