using System.Text;
using Npgsql;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>
/// Looks for a secret, or any piece of it, in every row of every table of a database (each row cast to text, so
/// every column of every type is covered, bytea as hex) and in log text.
/// </summary>
internal static class SecretSearch
{
    /// <summary>Pieces this long or longer count as a leak.</summary>
    public const int FragmentChars = 8;

    /// <summary>"table: excerpt" for each row holding a piece of the secret, and the number of rows searched.</summary>
    public static async Task<(List<string> Hits, int RowsSearched, int Tables)> InDatabaseAsync(NpgsqlDataSource data, string secret)
    {
        var tables = new List<string>();
        await using (var command = data.CreateCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(secret)).ToLowerInvariant();
        var hits = new List<string>();
        var rows = 0;
        foreach (var table in tables)
        {
            await using var command = data.CreateCommand($"SELECT t::text FROM {table} t");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                var text = reader.GetString(0);
                if (Leaks(text, secret) || text.Contains(hex, StringComparison.OrdinalIgnoreCase))
                    hits.Add($"{table}: {text[..Math.Min(300, text.Length)]}");
            }
        }
        return (hits, rows, tables.Count);
    }

    /// <summary>True when the text holds the secret or any piece of it of <see cref="FragmentChars"/> characters.</summary>
    public static bool Leaks(string text, string secret)
    {
        for (var start = 0; start + FragmentChars <= secret.Length; start++)
        {
            if (text.Contains(secret.AsSpan(start, FragmentChars), StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
