using Npgsql;

namespace BenchCluster.Storage;

/// <summary>Reads nullable columns by name.</summary>
internal static class NpgsqlDataReaderExtensions
{
    public static string? GetNullableString(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static T? GetNullable<T>(this NpgsqlDataReader reader, string column) where T : struct
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    public static T Get<T>(this NpgsqlDataReader reader, string column) =>
        reader.GetFieldValue<T>(reader.GetOrdinal(column));
}
