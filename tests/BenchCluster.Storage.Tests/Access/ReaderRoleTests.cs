using BenchCluster.Storage.Access;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Samples;
using BenchCluster.Testing;

namespace BenchCluster.Storage.Tests.Access;

/// <summary>The reader's login serves the CLI's read commands and the cluster client, and changes nothing.</summary>
public sealed class ReaderRoleTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Reader_login_reads_runs_results_views_and_membership()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(fixture.Database);
        await fixture.Database.FinishedJobs.WriteAsync([new FinishedJob(runId, jobId, attempt, StorageTestData.Samples(2), JobCompletion.Succeeded(null))]);
        await ResultRows.InsertAsync(fixture.Database, runId);
        await using var reader = BenchClusterDatabase.Create(await fixture.TestDatabase.ConnectionStringAsync(DatabaseRole.Reader));

        await reader.CheckSchemaAsync();
        var results = await reader.Queries.GetResultsAsync(runId);
        var progress = await reader.Queries.GetProgressAsync(runId);
        var jobs = await reader.Jobs.ListAsync(runId);

        Assert.Equal(42.5, Assert.Single(results).TokensPerSecondMean);
        Assert.Equal(1, progress!.SucceededJobs);
        Assert.Equal(JobState.Succeeded, Assert.Single(jobs).Status);
        Assert.Equal(0, await CountAsync(reader, "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = 'none'"));
        Assert.Equal(2, await CountAsync(reader, $"SELECT count(*) FROM samples WHERE job_id = '{jobId}'"));
    }

    [Fact]
    public async Task Reader_login_can_neither_write_nor_migrate()
    {
        var (runId, jobId, _) = await StorageTestData.RunningJobAsync(fixture.Database);
        var login = await fixture.TestDatabase.ConnectionStringAsync(DatabaseRole.Reader);

        await PermissionProbe.AssertAllDeniedAsync(login, "reader",
        [
            ("INSERT on runs", "INSERT INTO runs (run_id, suite_name, suite_text, submitted_by) VALUES (gen_random_uuid(), 'x', 'x', 'x')"),
            ("UPDATE on jobs", $"UPDATE jobs SET status = 'succeeded' WHERE job_id = '{jobId}'"),
            ("DELETE on samples", "DELETE FROM samples"),
            ("DELETE on results", $"DELETE FROM results WHERE run_id = '{runId}'"),
            ("INSERT on the membership table", "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('intruder')"),
            ("creating the migration history's next row", "INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'x', 'x')"),
        ], nameof(Reader_login_can_neither_write_nor_migrate));

        Assert.Equal(JobState.Running, (await fixture.Database.Jobs.GetAsync(jobId))!.Status);
    }

    [Fact]
    public async Task A_login_that_may_not_migrate_is_told_how_to_bring_an_old_database_up_to_date()
    {
        await using var empty = await PostgresServer.CreateDatabaseAsync(migrate: false);
        await using var reader = BenchClusterDatabase.Create(await empty.ConnectionStringAsync(DatabaseRole.Reader));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.CheckSchemaAsync());

        Assert.Contains("no BenchCluster schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("benchcluster db migrate", error.Message, StringComparison.Ordinal);
    }

    private static async Task<long> CountAsync(BenchClusterDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
