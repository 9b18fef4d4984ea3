using Npgsql;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>The Orleans membership table's rows for one silo endpoint: each generation that ran there and its status.</summary>
internal static class MembershipRows
{
    /// <summary>Orleans' SiloStatus values as stored in the table.</summary>
    public const int Active = 3;
    public const int Dead = 6;

    public sealed record Row(int Generation, int Status);

    /// <param name="endpoint">"address:port", as the cluster directory reports a worker's silo.</param>
    public static async Task<IReadOnlyList<Row>> ReadAsync(NpgsqlDataSource data, string clusterId, string endpoint)
    {
        var separator = endpoint.LastIndexOf(':');
        await using var command = data.CreateCommand(
            "SELECT generation, status FROM orleansmembershiptable WHERE deploymentid = @c AND address = @a AND port = @p ORDER BY generation");
        command.Parameters.AddWithValue("a", endpoint[..separator]);
        command.Parameters.AddWithValue("p", int.Parse(endpoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return await ReadAsync(command, clusterId);
    }

    /// <summary>The rows of silos with a client gateway: the coordinator's generations.</summary>
    public static async Task<IReadOnlyList<Row>> ReadGatewaySilosAsync(NpgsqlDataSource data, string clusterId)
    {
        await using var command = data.CreateCommand(
            "SELECT generation, status FROM orleansmembershiptable WHERE deploymentid = @c AND coalesce(proxyport, 0) <> 0 ORDER BY generation");
        return await ReadAsync(command, clusterId);
    }

    private static async Task<IReadOnlyList<Row>> ReadAsync(NpgsqlCommand command, string clusterId)
    {
        command.Parameters.AddWithValue("c", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetInt32(0), reader.GetInt32(1)));
        return rows;
    }
}
