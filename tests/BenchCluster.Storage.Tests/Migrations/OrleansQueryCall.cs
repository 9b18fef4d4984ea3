using System.Data;
using Npgsql;

namespace BenchCluster.Storage.Tests.Migrations;

/// <summary>
/// Runs a query from OrleansQuery the way Orleans.Clustering.AdoNet 10.4.2 does: plain DbCommand, parameters by
/// name with the DbType its type map gives the CLR type (string → String, int → Int32, DateTime → DateTime) and
/// DBNull for null, no transaction; results read by column name.
/// </summary>
internal static class OrleansQueryCall
{
    public static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlDataSource dataSource, string key, params (string Name, object? Value)[] parameters)
    {
        var text = await QueryTextAsync(dataSource, key);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameter.DbType = value switch
            {
                int => DbType.Int32,
                DateTime => DbType.DateTime,
                _ => DbType.String,
            };
            command.Parameters.Add(parameter);
        }
        command.CommandText = text;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++)
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }

    /// <summary>The single-value answer of a write query, read as Orleans does (Convert.ToBoolean of the only column).</summary>
    public static async Task<bool> AppliedAsync(NpgsqlDataSource dataSource, string key, params (string Name, object? Value)[] parameters)
    {
        var rows = await ReadAsync(dataSource, key, parameters);
        var row = Assert.Single(rows);
        return Convert.ToBoolean(Assert.Single(row.Values), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> QueryTextAsync(NpgsqlDataSource dataSource, string key)
    {
        await using var command = dataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key");
        command.Parameters.AddWithValue("key", key);
        return (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No Orleans query {key}.");
    }
}
