using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Queries;

/// <summary>
/// How long the jobs of earlier results took, for a dry run's time estimate: per point identity and node, the run of
/// the latest result (v_latest_results) and the mean of its succeeded jobs' dispatch-to-finish times.
/// </summary>
public sealed class JobTimeQueries(NpgsqlDataSource dataSource)
{
    /// <summary>At most this many point keys per query; a plan with more asks in several calls.</summary>
    public const int MaxKeysPerQuery = 10_000;

    public async Task<IReadOnlyList<JobTimeRow>> LatestAsync(IReadOnlyCollection<string> pointKeys, CancellationToken cancellationToken = default)
    {
        var rows = new List<JobTimeRow>();
        foreach (var chunk in pointKeys.Distinct(StringComparer.Ordinal).Chunk(MaxKeysPerQuery))
        {
            rows.AddRange(await dataSource.ReadAllAsync("""
                SELECT l.point_key, l.node_name,
                       avg(extract(epoch FROM j.finished_at - j.started_at))::double precision AS seconds,
                       count(*)::integer AS jobs
                FROM v_latest_results AS l
                JOIN jobs AS j ON j.run_id = l.run_id AND j.point_key = l.point_key
                              AND coalesce(j.node_name, j.assigned_node) = l.node_name
                WHERE l.point_key = ANY(@keys) AND j.status = 'succeeded'
                  AND j.started_at IS NOT NULL AND j.finished_at >= j.started_at
                GROUP BY l.point_key, l.node_name
                """,
                command => command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = chunk }),
                reader => new JobTimeRow(reader.Get<string>("point_key"), reader.Get<string>("node_name"), reader.Get<double>("seconds"), reader.Get<int>("jobs")),
                cancellationToken));
        }
        return rows;
    }
}
