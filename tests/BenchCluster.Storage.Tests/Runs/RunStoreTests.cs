using BenchCluster.Storage.Runs;
using BenchCluster.Testing;

namespace BenchCluster.Storage.Tests.Runs;

public sealed class RunStoreTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private BenchClusterDatabase Database => fixture.Database;

    [Fact]
    public async Task Creating_a_run_twice_keeps_the_first()
    {
        var run = StorageTestData.Run() with { SettingsJson = """{"retries": 2}""" };

        Assert.True(await Database.Runs.CreateAsync(run));
        Assert.False(await Database.Runs.CreateAsync(run with { SuiteName = "other" }));

        var stored = await Database.Runs.GetAsync(run.RunId);
        Assert.Equal(("smoke", "name: smoke\n", "tests", RunState.Pending), (stored!.SuiteName, stored.SuiteText, stored.SubmittedBy, stored.Status));
        Assert.Contains("\"retries\": 2", stored.SettingsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_changes_stamp_start_and_finish_and_a_finished_run_stays_finished()
    {
        var run = StorageTestData.Run();
        await Database.Runs.CreateAsync(run);

        Assert.True(await Database.Runs.SetStatusAsync(run.RunId, RunState.Running));
        var running = await Database.Runs.GetAsync(run.RunId);
        Assert.True(await Database.Runs.SetStatusAsync(run.RunId, RunState.Failed, "coordinator lost its database"));
        Assert.False(await Database.Runs.SetStatusAsync(run.RunId, RunState.Running));

        var failed = await Database.Runs.GetAsync(run.RunId);
        Assert.Equal(RunState.Running, running!.Status);
        Assert.NotNull(running.StartedAt);
        Assert.Null(running.FinishedAt);
        Assert.Equal((RunState.Failed, "coordinator lost its database", running.StartedAt), (failed!.Status, failed.Error, failed.StartedAt));
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task An_unknown_run_is_null_and_cannot_change_status()
    {
        var unknown = Guid.NewGuid();

        Assert.Null(await Database.Runs.GetAsync(unknown));
        Assert.False(await Database.Runs.SetStatusAsync(unknown, RunState.Running));
    }
}
