using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// A worker frozen with SIGSTOP past failure detection, then woken: its job runs elsewhere exactly once, its late
/// samples are refused, and the same process rejoins as a new silo and takes work again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FrozenWorkerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_worker_frozen_mid_job_loses_its_job_writes_nothing_for_it_and_rejoins_as_a_new_silo()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", model));
        var victim = cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", model));
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");

        var outcome = await LostNodeScenario.RunAsync(cluster, victim, "worker-a", Freeze,
            cut: () => { victim.Signal("STOP"); return Task.CompletedTask; },
            restore: () => { victim.Signal("CONT"); return Task.CompletedTask; });

        ReliabilityLog.Fault(new FaultRecord(
            $"worker frozen with SIGSTOP for {Freeze.TotalSeconds:0} s mid-job, then SIGCONT",
            "declared dead, its job re-dispatched to the other node; on waking its late result was refused (stale attempt) and the same process rejoined as a new silo generation and ran the next run's jobs",
            outcome.Detection.TotalSeconds, outcome.Recovery.TotalSeconds,
            $"{outcome.Jobs} of {outcome.Jobs} jobs exactly once, {outcome.StaleSamples} samples from the stale attempt; {outcome.SecondRunJobsOnVictim} jobs of the next run on the rejoined node",
            nameof(A_worker_frozen_mid_job_loses_its_job_writes_nothing_for_it_and_rejoins_as_a_new_silo)));
    }
}
