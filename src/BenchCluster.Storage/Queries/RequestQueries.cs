using BenchCluster.Engine.Timing;
using System.Runtime.CompilerServices;
using Npgsql;

namespace BenchCluster.Storage.Queries;

/// <summary>Per-request rows of a run: the samples of each job's current attempt, streamed (a run can hold millions).</summary>
public sealed class RequestQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The most rows one call returns unless the caller asks for fewer; protects a server from one huge answer.</summary>
    public const int DefaultLimit = 1_000_000;

    private const string Sql = """
        SELECT s.run_id, s.job_id, j.point_key, j.model_ref, j.scenario, j.assigned_node, j.repetition, s.attempt, s.seq,
               s.kind, s.is_warmup, s.stage, s.scheduled_ns, s.sent_ns, s.first_token_ns, s.end_ns,
               coalesce(s.server_prompt_tokens, s.prompt_tokens) AS prompt_tokens,
               coalesce(s.server_output_tokens, s.output_tokens) AS output_tokens,
               s.requested_output_tokens, cardinality(s.event_ns) AS events, s.error
        FROM samples AS s
        JOIN jobs AS j ON j.job_id = s.job_id AND j.attempt = s.attempt
        WHERE s.run_id = @run_id
          AND (@include_warmup OR NOT s.is_warmup)
        ORDER BY j.point_key, j.assigned_node, j.repetition, s.seq
        LIMIT @limit
        """;

    public async IAsyncEnumerable<RequestRow> ReadAsync(
        Guid runId, bool includeWarmup = false, int limit = DefaultLimit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(Sql);
        command.With("run_id", runId).With("include_warmup", includeWarmup).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return Read(reader);
    }

    private static RequestRow Read(NpgsqlDataReader reader)
    {
        var scheduled = reader.GetNullable<long>("scheduled_ns");
        var sent = reader.Get<long>("sent_ns");
        var first = reader.GetNullable<long>("first_token_ns");
        var end = reader.Get<long>("end_ns");
        var origin = scheduled ?? sent;
        return new RequestRow
        {
            RunId = reader.Get<Guid>("run_id"),
            JobId = reader.Get<Guid>("job_id"),
            PointKey = reader.Get<string>("point_key"),
            Model = reader.Get<string>("model_ref"),
            Scenario = reader.Get<string>("scenario"),
            NodeName = reader.GetNullableString("assigned_node"),
            Repetition = reader.Get<int>("repetition"),
            Attempt = reader.Get<int>("attempt"),
            Seq = reader.Get<int>("seq"),
            Kind = reader.Get<string>("kind"),
            IsWarmup = reader.Get<bool>("is_warmup"),
            Stage = reader.Get<int>("stage"),
            ScheduledNs = scheduled,
            SentNs = sent,
            FirstTokenNs = first,
            EndNs = end,
            TtftMs = first is { } f ? TimeUnits.ToMilliseconds(f - origin) : null,
            E2eMs = TimeUnits.ToMilliseconds(end - origin),
            PromptTokens = reader.Get<int>("prompt_tokens"),
            OutputTokens = reader.Get<int>("output_tokens"),
            RequestedOutputTokens = reader.Get<int>("requested_output_tokens"),
            Events = reader.Get<int>("events"),
            Error = reader.GetNullableString("error"),
        };
    }
}
