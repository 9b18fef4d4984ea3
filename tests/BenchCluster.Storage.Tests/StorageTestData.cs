using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Runs;
using BenchCluster.Storage.Samples;

namespace BenchCluster.Storage.Tests;

/// <summary>Rows with plausible values for tests that only care about a few fields.</summary>
internal static class StorageTestData
{
    public static RunRow Run(Guid? runId = null) => new()
    {
        RunId = runId ?? Guid.NewGuid(),
        SuiteName = "smoke",
        SuiteText = "name: smoke\n",
        SubmittedBy = "tests",
    };

    public static JobRow Job(Guid runId, string pointKey = "p1", string? nodeName = null, int repetition = 0) => new()
    {
        JobId = Guid.NewGuid(),
        RunId = runId,
        PointKey = pointKey,
        NodeName = nodeName,
        Repetition = repetition,
        SpecJson = """{"pointId":"p1"}""",
        ModelRef = "tiny",
        Scenario = "tg128",
    };

    public static SampleRow Sample(int seq, int events = 4) => new()
    {
        Seq = seq,
        Kind = "Request",
        ScheduledNs = 1_000 + seq,
        SentNs = 2_000 + seq,
        FirstTokenNs = 3_000 + seq,
        EndNs = 10_000 + seq,
        EventNs = Enumerable.Range(0, events).Select(i => 3_000L + seq + i * 100).ToArray(),
        EventTokenCounts = Enumerable.Repeat(1, events).ToArray(),
        PromptTokens = 16,
        OutputTokens = events,
        RequestedOutputTokens = events,
    };

    public static IReadOnlyList<SampleRow> Samples(int count, int events = 4) =>
        Enumerable.Range(0, count).Select(seq => Sample(seq, events)).ToList();

    /// <summary>A run with one job claimed by node-a: (run, job, attempt 1).</summary>
    public static async Task<(Guid RunId, Guid JobId, int Attempt)> RunningJobAsync(BenchClusterDatabase database)
    {
        var run = Run();
        await database.Runs.CreateAsync(run);
        var job = Job(run.RunId);
        await database.Jobs.InsertAsync([job]);
        var attempt = await database.Jobs.ClaimAsync(job.JobId, "node-a") ?? throw new InvalidOperationException("claim failed");
        return (run.RunId, job.JobId, attempt);
    }

    public static async Task<long> CountAsync(BenchClusterDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
