using Npgsql;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>What a run left in Postgres, read with plain SQL (independent of the code under test's queries).</summary>
internal sealed record RunFacts(
    IReadOnlyList<RunFacts.Job> Jobs,
    IReadOnlyList<RunFacts.SampleKey> Samples,
    IReadOnlyList<RunFacts.Result> Results)
{
    public sealed record Job(Guid JobId, string PointKey, string NodeName, string? AssignedNode, string ModelRef, int Repetition, string Status, int Attempt, string? LastError);

    public sealed record SampleKey(Guid JobId, int Attempt, int Seq, bool IsWarmup, int OutputTokens, string? Error);

    public sealed record Result(string PointKey, string NodeName, string Scenario, double? TokensPerSecond, string Verdict, int Repetitions);

    public static async Task<RunFacts> ReadAsync(NpgsqlDataSource data, Guid runId)
    {
        var jobs = await ReadAsync(data, "SELECT job_id, point_key, node_name, assigned_node, model_ref, repetition, status, attempt, last_error FROM jobs WHERE run_id = @r", runId,
            r => new Job(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8)));
        var samples = await ReadAsync(data, "SELECT job_id, attempt, seq, is_warmup, output_tokens, error FROM samples WHERE run_id = @r", runId,
            r => new SampleKey(r.GetGuid(0), r.GetInt32(1), r.GetInt32(2), r.GetBoolean(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetString(5)));
        var results = await ReadAsync(data, "SELECT point_key, node_name, scenario, tokens_per_second_mean, verdict, repetitions FROM results WHERE run_id = @r", runId,
            r => new Result(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.GetString(4), r.GetInt32(5)));
        return new RunFacts(jobs, samples, results);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlDataSource data, string sql, Guid runId, Func<NpgsqlDataReader, T> read)
    {
        await using var command = data.CreateCommand(sql);
        command.Parameters.AddWithValue("r", runId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>Exactly once: every job succeeded and has samples under its final attempt only.</summary>
    public void AssertEveryJobExactlyOnce()
    {
        foreach (var job in Jobs)
        {
            Assert.True(job.Status == "succeeded", $"job {job.JobId} ({job.PointKey} rep {job.Repetition} on {job.NodeName}) is {job.Status}: {job.LastError}");
            var attempts = Samples.Where(s => s.JobId == job.JobId).Select(s => s.Attempt).Distinct().ToList();
            Assert.Equal([job.Attempt], attempts);
            Assert.Contains(Samples, s => s.JobId == job.JobId && !s.IsWarmup && s.Error is null);
        }
        Assert.Equal(Results.Count, Results.Select(r => (r.PointKey, r.NodeName)).Distinct().Count());
    }
}
