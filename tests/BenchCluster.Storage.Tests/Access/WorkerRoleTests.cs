using BenchCluster.Storage.Access;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Models;
using BenchCluster.Storage.Nodes;
using BenchCluster.Storage.Samples;
using BenchCluster.Testing;
using static BenchCluster.Storage.Tests.Migrations.OrleansQueryCall;

namespace BenchCluster.Storage.Tests.Access;

/// <summary>
/// The worker's login (infra/sql/V006__roles.sql) does everything a worker silo does, through the same stores and
/// Orleans queries, and nothing that deletes or rewrites measurements, results, runs or the schema.
/// </summary>
public sealed class WorkerRoleTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Active = 3;

    [Fact]
    public async Task Worker_login_registers_itself_joins_membership_and_stores_its_jobs_samples_and_outcomes()
    {
        var (runId, streamedJob, streamedAttempt) = await StorageTestData.RunningJobAsync(fixture.Database);
        var (otherRun, finishedJob, finishedAttempt) = await StorageTestData.RunningJobAsync(fixture.Database);
        await using var worker = BenchClusterDatabase.Create(await fixture.TestDatabase.ConnectionStringAsync(DatabaseRole.Worker));

        await worker.Nodes.UpsertAsync(new NodeRow { NodeName = "node-a", DeviceKind = "cpu", DeviceName = "test cpu" });
        await worker.Nodes.UpsertAsync(new NodeRow { NodeName = "node-a", DeviceKind = "cpu", DeviceName = "test cpu", Cores = 8 });
        var model = new ModelRow { Sha256 = new string('a', 64), FileName = "tiny.gguf", FileSizeBytes = 1024 };
        await worker.Models.UpsertAsync(model);
        await worker.Models.UpsertAsync(model with { Quantization = "F16" });

        // Samples while running (the fence reads the job FOR SHARE), then a retried, overlapping batch (staging path).
        var first = await worker.Samples.WriteAsync(runId, streamedJob, streamedAttempt, StorageTestData.Samples(5));
        var retried = await worker.Samples.WriteAsync(runId, streamedJob, streamedAttempt, StorageTestData.Samples(8));
        // Samples and outcome together, as MeasurementPublisher stores a finished job.
        var finished = await worker.FinishedJobs.WriteAsync(
            [new FinishedJob(otherRun, finishedJob, finishedAttempt, StorageTestData.Samples(3), JobCompletion.Succeeded("""{"ok":true}"""))]);

        Assert.Equal((SampleWriteOutcome.Written, 5), (first.Outcome, first.RowsInserted));
        Assert.Equal((SampleWriteOutcome.Written, 3), (retried.Outcome, retried.RowsInserted));
        Assert.Equal(SampleWriteOutcome.Written, Assert.Single(finished).Outcome);
        Assert.Equal(JobState.Succeeded, (await fixture.Database.Jobs.GetAsync(finishedJob))!.Status);
        Assert.Equal(11, await StorageTestData.CountAsync(fixture.Database,
            $"SELECT count(*) FROM samples WHERE job_id IN ('{streamedJob}', '{finishedJob}')"));
        Assert.Equal(8, await StorageTestData.CountAsync(fixture.Database, "SELECT cores FROM nodes WHERE node_name = 'node-a'"));
        Assert.Equal(1, await StorageTestData.CountAsync(fixture.Database, $"SELECT count(*) FROM models WHERE sha256 = '{model.Sha256}' AND quantization = 'F16'"));

        // A stale write after the attempt finished is refused by the fence, not by a missing privilege.
        var stale = await worker.Samples.WriteAsync(otherRun, finishedJob, finishedAttempt, StorageTestData.Samples(4));
        Assert.Equal(SampleWriteOutcome.StaleAttempt, stale.Outcome);

        // Membership as Orleans' ADO.NET clustering runs it on a silo.
        var cluster = "roles-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await AppliedAsync(worker.DataSource, "InsertMembershipVersionKey", ("DeploymentId", cluster)));
        Assert.True(await AppliedAsync(worker.DataSource, "InsertMembershipKey",
            ("DeploymentId", cluster), ("IAmAliveTime", DateTime.UtcNow), ("SiloName", "node-a"), ("HostName", "host"),
            ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 1), ("StartTime", DateTime.UtcNow),
            ("Status", Active), ("ProxyPort", 0), ("Version", 0)));
        Assert.True(await AppliedAsync(worker.DataSource, "UpdateMembershipKey",
            ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 1),
            ("IAmAliveTime", DateTime.UtcNow), ("Status", Active), ("SuspectTimes", null), ("Version", 1)));
        await ReadAsync(worker.DataSource, "UpdateIAmAlivetimeKey", ("DeploymentId", cluster), ("Address", "127.0.0.1"),
            ("Port", 11111), ("Generation", 1), ("IAmAliveTime", DateTime.UtcNow));
        await ReadAsync(worker.DataSource, "CleanupDefunctSiloEntriesKey", ("DeploymentId", cluster), ("IAmAliveTime", DateTime.UtcNow.AddHours(-1)));
        var row = Assert.Single(await ReadAsync(worker.DataSource, "MembershipReadAllKey", ("DeploymentId", cluster)));
        Assert.Equal(2, Convert.ToInt32(row["Version"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Worker_login_cannot_delete_or_rewrite_results_samples_runs_finished_jobs_or_the_schema()
    {
        var (runId, jobId, attempt) = await StorageTestData.RunningJobAsync(fixture.Database);
        await fixture.Database.FinishedJobs.WriteAsync([new FinishedJob(runId, jobId, attempt, StorageTestData.Samples(4), JobCompletion.Succeeded(null))]);
        var (_, runningJob, _) = await StorageTestData.RunningJobAsync(fixture.Database);
        await ResultRows.InsertAsync(fixture.Database, runId);
        var before = await SnapshotAsync(runId);

        await PermissionProbe.AssertAllDeniedAsync(await fixture.TestDatabase.ConnectionStringAsync(DatabaseRole.Worker), "worker",
        [
            ("DELETE on results", $"DELETE FROM results WHERE run_id = '{runId}'"),
            ("UPDATE on results", "UPDATE results SET tokens_per_second_mean = 1e9"),
            ("TRUNCATE on results", "TRUNCATE results"),
            ("INSERT of a made-up result", $"INSERT INTO results (run_id, point_key, node_name, model_ref, scenario, verdict, repetitions) VALUES ('{runId}', 'fake', 'n', 'm', 's', 'VALID', 1)"),
            ("DELETE on samples", $"DELETE FROM samples WHERE job_id = '{jobId}'"),
            ("UPDATE on samples", "UPDATE samples SET output_tokens = 0"),
            ("TRUNCATE on samples", "TRUNCATE samples"),
            ("DROP TABLE samples", "DROP TABLE samples"),
            ("DROP TABLE results", "DROP TABLE results"),
            ("ALTER TABLE jobs", "ALTER TABLE jobs ADD COLUMN stolen text"),
            ("CREATE TABLE", "CREATE TABLE stolen (secret text)"),
            ("UPDATE on runs", $"UPDATE runs SET status = 'cancelled' WHERE run_id = '{runId}'"),
            ("DELETE on runs", "DELETE FROM runs"),
            ("DELETE on jobs", "DELETE FROM jobs"),
            ("rewriting a finished job's outcome", $"UPDATE jobs SET status = 'failed', last_error = 'rewritten' WHERE job_id = '{jobId}'"),
            ("moving a job's attempt", $"UPDATE jobs SET attempt = attempt + 1 WHERE job_id = '{runningJob}'"),
            ("putting a running job back to pending", $"UPDATE jobs SET status = 'pending' WHERE job_id = '{runningJob}'"),
            ("UPDATE on the Orleans queries", "UPDATE OrleansQuery SET QueryText = 'SELECT 1'"),
        ], nameof(Worker_login_cannot_delete_or_rewrite_results_samples_runs_finished_jobs_or_the_schema));

        Assert.Equal(before, await SnapshotAsync(runId));
    }

    private async Task<string> SnapshotAsync(Guid runId)
    {
        await using var command = fixture.DataSource.CreateCommand($"""
            SELECT concat_ws('|',
                (SELECT count(*) FROM samples), (SELECT sum(output_tokens) FROM samples),
                (SELECT string_agg(point_key || ':' || tokens_per_second_mean, ',') FROM results WHERE run_id = '{runId}'),
                (SELECT string_agg(status || ':' || attempt || ':' || coalesce(last_error, ''), ',' ORDER BY job_id) FROM jobs),
                (SELECT status FROM runs WHERE run_id = '{runId}'),
                (SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs'),
                (SELECT count(*) FROM OrleansQuery WHERE QueryText = 'SELECT 1'))
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
