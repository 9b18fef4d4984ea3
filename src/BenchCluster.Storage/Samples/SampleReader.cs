using Npgsql;

namespace BenchCluster.Storage.Samples;

/// <summary>Reads stored samples back, e.g. to aggregate a point from raw data after the fact.</summary>
public sealed class SampleReader(NpgsqlDataSource dataSource)
{
    private static readonly string ReadSql = $"""
        SELECT s.job_id, {string.Join(", ", SampleColumns.All.Select(c => "s." + c.Name))}
        FROM samples AS s
        JOIN unnest(@job_ids, @attempts) AS a(job_id, attempt) ON s.job_id = a.job_id AND s.attempt = a.attempt
        ORDER BY s.job_id, s.seq
        """;

    /// <summary>The samples of one attempt of a job, in their order.</summary>
    public async Task<IReadOnlyList<SampleRow>> ReadAsync(Guid jobId, int attempt, CancellationToken cancellationToken = default) =>
        (await ReadAsync([(jobId, attempt)], cancellationToken)).GetValueOrDefault(jobId) ?? [];

    /// <summary>The samples of one attempt of each job, in one query: by job, each in its order.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<SampleRow>>> ReadAsync(
        IReadOnlyList<(Guid JobId, int Attempt)> attempts, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.With("job_ids", attempts.Select(a => a.JobId).ToArray()).With("attempts", attempts.Select(a => a.Attempt).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<Guid, List<SampleRow>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var jobId = reader.Get<Guid>("job_id");
            if (!rows.TryGetValue(jobId, out var list))
                rows[jobId] = list = [];
            list.Add(Read(reader));
        }
        return rows.ToDictionary(r => r.Key, r => (IReadOnlyList<SampleRow>)r.Value);
    }

    private static SampleRow Read(NpgsqlDataReader reader) => new()
    {
        Seq = reader.Get<int>("seq"),
        Kind = reader.Get<string>("kind"),
        IsWarmup = reader.Get<bool>("is_warmup"),
        Stage = reader.Get<int>("stage"),
        ScheduledNs = reader.GetNullable<long>("scheduled_ns"),
        SentNs = reader.Get<long>("sent_ns"),
        FirstTokenNs = reader.GetNullable<long>("first_token_ns"),
        PromptEndNs = reader.GetNullable<long>("prompt_end_ns"),
        EndNs = reader.Get<long>("end_ns"),
        EventNs = reader.Get<long[]>("event_ns"),
        EventTokenCounts = reader.Get<int[]>("event_token_counts"),
        PromptTokens = reader.Get<int>("prompt_tokens"),
        OutputTokens = reader.Get<int>("output_tokens"),
        ServerPromptTokens = reader.GetNullable<int>("server_prompt_tokens"),
        ServerOutputTokens = reader.GetNullable<int>("server_output_tokens"),
        RequestedOutputTokens = reader.Get<int>("requested_output_tokens"),
        Error = reader.GetNullableString("error"),
        ConversationId = reader.GetNullableString("conversation_id"),
        TurnIndex = reader.GetNullable<int>("turn_index"),
        CachedPromptTokens = reader.GetNullable<int>("cached_prompt_tokens"),
        ReasoningTokens = reader.GetNullable<int>("reasoning_tokens"),
        FirstOutputNs = reader.GetNullable<long>("first_output_ns"),
        Driver = reader.GetNullableString("driver"),
        TokenCountsExact = reader.GetNullable<bool>("token_counts_exact"),
    };
}
