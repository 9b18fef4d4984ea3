using Npgsql;

namespace BenchCluster.Storage.Samples;

/// <summary>Reads stored samples back, e.g. to aggregate a point from raw data after the fact.</summary>
public sealed class SampleReader(NpgsqlDataSource dataSource)
{
    /// <summary>The samples of one attempt of a job, in their order.</summary>
    public async Task<IReadOnlyList<SampleRow>> ReadAsync(Guid jobId, int attempt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {SampleColumns.NameList} FROM samples WHERE job_id = @job_id AND attempt = @attempt ORDER BY seq");
        command.With("job_id", jobId).With("attempt", attempt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SampleRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SampleRow
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
            });
        }
        return rows;
    }
}
