using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Gguf;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>A coordinator and two workers with different model sets, as separate processes on one Postgres.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MultiSiloTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Every_job_runs_on_the_node_holding_its_model_and_results_land_once_in_Postgres()
    {
        var f16 = TestModels.Get("tiny", "f16");
        var q8 = TestModels.Get("tiny", "q8_0");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var silos = new[]
        {
            cluster.StartCoordinator(),
            cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", f16)),
            cluster.StartWorker("worker-b", ClusterHarness.ModelsFolder("b", q8)),
        };
        await cluster.WaitForWorkersAsync("worker-a", "worker-b");

        var client = await cluster.ClientAsync();
        var suite = client.GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.TwoTinyModels(), "two-models.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        Assert.Equal(2 * 2 * 2, submitted.JobCount); // 2 models (one holder each) × 2 scenarios × 2 repetitions

        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed, $"{progress}\n{cluster.AllOutput()}");

        var facts = await RunFacts.ReadAsync(cluster.Database.DataSource, submitted.RunId);
        var shaOnNode = new Dictionary<string, string>
        {
            ["worker-a"] = ModelDigestSidecar.TryRead(f16)!,
            ["worker-b"] = ModelDigestSidecar.TryRead(q8)!,
        };
        Assert.Equal(8, facts.Jobs.Count);
        foreach (var job in facts.Jobs)
        {
            Assert.Equal(job.NodeName, job.AssignedNode);
            Assert.Equal(shaOnNode[job.NodeName], job.ModelRef);
        }
        facts.AssertEveryJobExactlyOnce();
        Assert.Equal(4, facts.Results.Count); // 2 models × 2 scenarios on their one node each
        Assert.All(facts.Results, r => Assert.True(r.TokensPerSecond > 0, $"{r.PointKey} on {r.NodeName}: {r.TokensPerSecond}"));
        Assert.All(facts.Results, r => Assert.Equal(2, r.Repetitions));

        // The jobs ran llama.cpp, yet no silo process mapped its libraries: native code lives in engine children only.
        foreach (var silo in silos)
        {
            var mapped = await File.ReadAllTextAsync($"/proc/{silo.Pid}/maps");
            Assert.DoesNotContain("libllama", mapped);
            Assert.DoesNotContain("libggml", mapped);
        }
    }

    [Fact]
    public async Task A_model_no_node_holds_is_rejected_naming_the_model_and_the_nodes()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", TestModels.Get("tiny", "f16")));
        await cluster.WaitForWorkersAsync("worker-a");

        var client = await cluster.ClientAsync();
        var suite = client.GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.TwoTinyModels(), "two-models.yaml", "test")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(submitted.Accepted);
        var error = Assert.Single(submitted.Errors);
        Assert.Contains("tiny-q8", error);
        Assert.Contains("q8_0", error);
        Assert.Contains("worker-a", error);
        Assert.Empty((await RunFacts.ReadAsync(cluster.Database.DataSource, submitted.RunId)).Jobs);
    }
}
