using BenchCluster.Engine.Timing;
using System.Runtime.CompilerServices;
using Npgsql;

namespace BenchCluster.Storage.Queries;

/// <summary>
/// Inter-token latencies of a run: the gaps between consecutive output events of each successful, measured request
/// of the jobs' current attempts. Kept apart from <see cref="RequestQueries"/> because a request has one row there and
/// hundreds of gaps here.
/// </summary>
public sealed class InterTokenGapQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Enough for a histogram of any run; protects the reader from one huge answer.</summary>
    public const int DefaultLimit = 500_000;

    private const string Sql = """
        SELECT j.point_key, j.assigned_node, g.gap_ns
        FROM samples AS s
        JOIN jobs AS j ON j.job_id = s.job_id AND j.attempt = s.attempt
        CROSS JOIN LATERAL (
            SELECT e.ns - lag(e.ns) OVER (ORDER BY e.ord) AS gap_ns
            FROM unnest(s.event_ns) WITH ORDINALITY AS e(ns, ord)
        ) AS g
        WHERE s.run_id = @run_id AND s.kind = 'Request' AND NOT s.is_warmup AND s.error IS NULL
          AND cardinality(s.event_ns) > 1 AND g.gap_ns IS NOT NULL
        ORDER BY j.point_key, j.assigned_node
        LIMIT @limit
        """;

    public async IAsyncEnumerable<InterTokenGapRow> ReadAsync(
        Guid runId, int limit = DefaultLimit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(Sql);
        command.With("run_id", runId).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new InterTokenGapRow(reader.Get<string>("point_key"), reader.GetNullableString("assigned_node"), TimeUnits.ToMilliseconds(reader.Get<long>("gap_ns")));
    }
}
