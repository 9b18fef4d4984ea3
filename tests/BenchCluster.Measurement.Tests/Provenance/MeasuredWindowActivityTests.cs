using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Results;
using BenchCluster.Measurement.Tests.Scenarios;

namespace BenchCluster.Measurement.Tests.Provenance;

/// <summary>The node's other activity during a measured window: read from /proc, stored in provenance, warned about.</summary>
public sealed class MeasuredWindowActivityTests : IDisposable
{
    private readonly string _proc = Directory.CreateTempSubdirectory("bc-proc-").FullName;

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    [Fact]
    public void Counters_are_read_from_proc_stat_the_process_stat_and_every_threads_status()
    {
        WriteProc(busyUser: 1000, idle: 5000, ownUser: 300, ownSystem: 20, switches: [3, 4]);

        var counters = ActivityCounters.Read(_proc, pid: 42)!;

        // busy = user 1000 + nice 1 + system 2 + irq 3 + softirq 4 + steal 5 (idle and iowait left out).
        Assert.Equal(1015, counters.BusyTicks);
        Assert.Equal(320, counters.OwnTicks);
        Assert.Equal(7, counters.InvoluntarySwitches);
    }

    [Fact]
    public void Steal_ticks_are_the_eighth_counter_of_the_cpu_line_and_unknown_without_one()
    {
        WriteProc(busyUser: 1000, idle: 5000, ownUser: 300, ownSystem: 20, switches: [3]);

        Assert.Equal(5, ActivityCounters.ReadStealTicks(_proc));
        File.WriteAllText(Path.Combine(_proc, "stat"), "intr 1 2 3\n");
        Assert.Null(ActivityCounters.ReadStealTicks(_proc));
        Assert.Null(ActivityCounters.ReadStealTicks(Path.Combine(_proc, "missing")));
    }

    [Fact]
    public void Other_processes_cpu_is_the_nodes_busy_time_minus_the_measuring_process()
    {
        var start = new ActivityCounters(0, BusyTicks: 1000, OwnTicks: 300, InvoluntarySwitches: 10);
        // Two seconds: the node was busy 450 ticks, 400 of them this process, so others used 50 ticks = 25 % of a core.
        var end = new ActivityCounters(2_000_000_000, BusyTicks: 1450, OwnTicks: 700, InvoluntarySwitches: 25);

        var activity = MeasuredWindowActivity.Between(start, end)!;

        Assert.Equal(2, activity.WindowSeconds, 9);
        Assert.Equal(25, activity.OtherCpuPercent, 9);
        Assert.Equal(200, activity.OwnCpuPercent, 9);
        Assert.Equal(15, activity.InvoluntarySwitches);
        Assert.Null(MeasuredWindowActivity.Between(null, end));
    }

    [Fact]
    public void A_proc_file_that_is_not_one_is_refused_as_unreadable()
    {
        WriteProc(busyUser: 1, idle: 1, ownUser: 1, ownSystem: 1, switches: [1]);
        File.WriteAllText(Path.Combine(_proc, "stat"), "intr 1 2 3\n");

        Assert.Null(ActivityCounters.Read(_proc, pid: 42));
    }

    [Fact]
    public async Task A_micro_job_on_linux_stores_the_measured_windows_activity_in_its_provenance()
    {
        var job = Jobs.From("{kind: pp, prompt_tokens: 64, runs: 3}");

        var result = await new ScenarioRunner(new RunEnvironment { NodeName = "node-a" }).RunAsync(job, new FakeInferenceSession());

        var activity = result.Provenance!.Activity;
        Assert.Equal(OperatingSystem.IsLinux(), activity is not null);
        if (activity is not null)
        {
            Assert.True(activity.WindowSeconds > 0);
            Assert.True(activity.OtherCpuPercent >= 0 && activity.OwnCpuPercent >= 0);
        }
    }

    [Theory]
    [InlineData(35.0, 1.0, true)]
    [InlineData(2.0, 1.0, false)]
    [InlineData(35.0, 0.02, false)] // 2 ticks of 10 ms: rounding, not a busy node
    public async Task A_result_measured_on_a_busy_node_carries_a_warning(double otherCpuPercent, double windowSeconds, bool warned)
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}") with { RepetitionCount = 3 };
        var provenance = (await new ScenarioRunner().RunAsync(job, new FakeInferenceSession())).Provenance! with
        {
            Activity = new MeasuredWindowActivity { WindowSeconds = windowSeconds, OtherCpuPercent = otherCpuPercent, OwnCpuPercent = 190, InvoluntarySwitches = 4 },
        };
        var reps = new[] { 100.0, 101, 99 }
            .Select((rate, i) => Measurements.Of(job, i, [Measurements.Tg(rate)]) with { Provenance = provenance })
            .ToList();

        var verdict = ResultAggregator.Aggregate(job.Point, job, reps, new()).Verdict;

        Assert.Equal(warned, verdict.Warnings.Any(w => w.Contains("other processes used up to 35.0 % of a core while 3 of 3", StringComparison.Ordinal)));
        Assert.True(verdict.IsValid); // a warning, not a reason: the numbers themselves passed
    }

    private void WriteProc(long busyUser, long idle, long ownUser, long ownSystem, long[] switches)
    {
        File.WriteAllText(Path.Combine(_proc, "stat"), $"cpu  {busyUser} 1 2 {idle} 7 3 4 5 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n");
        var self = Directory.CreateDirectory(Path.Combine(_proc, "42")).FullName;
        // The command name holds a space and a parenthesis, as a thread name may.
        File.WriteAllText(Path.Combine(self, "stat"), $"42 (engine (host) R 1 42 42 0 -1 4194304 100 0 0 0 {ownUser} {ownSystem} 0 0 20 0 9 0 1\n");
        for (var t = 0; t < switches.Length; t++)
        {
            var task = Directory.CreateDirectory(Path.Combine(self, "task", (42 + t).ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
            File.WriteAllText(Path.Combine(task, "status"), $"Name:\tengine\nvoluntary_ctxt_switches:\t99\nnonvoluntary_ctxt_switches:\t{switches[t]}\n");
        }
    }
}
