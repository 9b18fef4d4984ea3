using Npgsql;

namespace BenchCluster.Storage;

/// <summary>Runs a parameterized query and maps every row.</summary>
internal static class NpgsqlDataSourceExtensions
{
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        this NpgsqlDataSource dataSource, string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(map(reader));
        return rows;
    }

    public static async Task<T?> ReadFirstAsync<T>(
        this NpgsqlDataSource dataSource, string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await dataSource.ReadAllAsync(sql, bind, map, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}
