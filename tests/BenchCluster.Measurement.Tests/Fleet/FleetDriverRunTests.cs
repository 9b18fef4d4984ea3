using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Scenarios;

namespace BenchCluster.Measurement.Tests.Fleet;

/// <summary>Driver jobs on the worker side: each sends its share from the common start and says who sent what.</summary>
public sealed class FleetDriverRunTests
{
    private sealed class FixedStart(DateTimeOffset start) : IFleetRendezvous
    {
        public Task<DateTimeOffset> StartAsync(JobSpec job, CancellationToken cancellationToken) => Task.FromResult(start);
    }

    private static readonly string[] Nodes = ["worker-a", "worker-b"];

    /// <summary>
    /// How far ahead the common start lies: far enough that both drivers reach it on a cold, loaded test host (300 ms
    /// was too little once in a fresh-clone run, at the start of the whole test run, and a late driver rightly refuses).
    /// </summary>
    private static readonly TimeSpan StartAhead = TimeSpan.FromSeconds(2);

    private static JobSpec[] DriverJobs(string scenario)
    {
        var job = Jobs.Remote(scenario);
        return Enumerable.Range(0, Nodes.Length)
            .Select(i => job with { Fleet = new FleetShare { Index = i, Nodes = Nodes, ScheduleSeed = job.Seed }, Seed = SeedDerivation.ForDriver(job.Seed, i) })
            .ToArray();
    }

    private static Task<JobMeasurement[]> RunAllAsync(JobSpec[] drivers, IFleetRendezvous? rendezvous) =>
        Task.WhenAll(drivers.Select((job, i) => new ScenarioRunner(new RunEnvironment { NodeName = Nodes[i], Fleet = rendezvous })
            .RunAsync(job, FakeCompletionBackend.Steady(ttftMs: 1, gapMs: 1))));

    [Fact]
    public async Task Open_loop_drivers_send_every_other_arrival_of_one_schedule_from_the_common_start()
    {
        var drivers = DriverJobs("{kind: poisson, requests: 20, fleet: {drivers: 2}, workload: {output_tokens: 2}, parameters: {rate: [200]}}");

        var runs = await RunAllAsync(drivers, new FixedStart(DateTimeOffset.UtcNow.Add(StartAhead)));

        for (var i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            Assert.Null(run.Error);
            Assert.Equal(10, run.Samples.Count(s => !s.IsWarmup));
            Assert.All(run.Samples, s => Assert.Equal(Nodes[i], s.Driver));
            var stage = Assert.Single(run.Stages);
            Assert.Equal(100, stage.TargetRate);
            Assert.Equal(run.Fleet!.OriginNs, stage.StartNs);
            Assert.Equal(i, run.Fleet.Index);
        }
        // Together the drivers send exactly the point's schedule at 200 req/s, arrivals alternating between them.
        var sent = runs
            .SelectMany((r, i) => r.Samples.Where(s => !s.IsWarmup).Select(s => (Offset: s.ScheduledNs!.Value - r.Fleet!.OriginNs, Driver: i)))
            .OrderBy(x => x.Offset).ToList();
        var whole = BenchCluster.Measurement.Timing.ArrivalSchedule.Poisson(200, 20, drivers[0].Fleet!.ScheduleSeed);
        Assert.Equal(whole.OffsetsNs, sent.Select(x => x.Offset));
        Assert.Equal(Enumerable.Range(0, 20).Select(k => k % 2), sent.Select(x => x.Driver));
        Assert.Equal(100_000_000, sent[^1].Offset); // the schedule's last arrival at count / rate: 20 / 200 req/s
    }

    [Fact]
    public async Task Closed_loop_drivers_split_the_concurrency_with_the_remainder_to_the_first()
    {
        var drivers = DriverJobs("{kind: concurrency, requests: 6, fleet: {drivers: 2}, workload: {output_tokens: 2}, parameters: {concurrency: [3]}}");

        var runs = await RunAllAsync(drivers, new FixedStart(DateTimeOffset.UtcNow.Add(StartAhead)));

        Assert.All(runs, run => Assert.Null(run.Error));
        Assert.Equal([2, 1], runs.Select(r => Assert.Single(r.Stages).Concurrency!.Value));
        Assert.Equal([3, 3], runs.Select(r => r.Samples.Count(s => !s.IsWarmup)));
        Assert.All(runs, run => Assert.Equal(run.Fleet!.OriginNs, Assert.Single(run.Stages).StartNs));
    }

    [Fact]
    public async Task A_driver_that_learns_the_start_after_it_passed_does_not_measure()
    {
        var drivers = DriverJobs("{kind: poisson, requests: 4, fleet: {drivers: 2}, workload: {output_tokens: 2}, parameters: {rate: [100]}}");

        var runs = await RunAllAsync(drivers, new FixedStart(DateTimeOffset.UtcNow.AddSeconds(-5)));

        Assert.All(runs, run => Assert.Contains("after it passed", run.Error, StringComparison.Ordinal));
        Assert.All(runs, run => Assert.DoesNotContain(run.Samples, s => !s.IsWarmup));
    }

    [Fact]
    public async Task A_driver_without_a_way_to_meet_the_others_fails_saying_so()
    {
        var drivers = DriverJobs("{kind: poisson, requests: 4, fleet: {drivers: 2}, workload: {output_tokens: 2}, parameters: {rate: [100]}}");

        var runs = await RunAllAsync(drivers, rendezvous: null);

        Assert.All(runs, run => Assert.Contains("no way to meet the other drivers", run.Error, StringComparison.Ordinal));
    }
}
