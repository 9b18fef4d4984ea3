using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage;

/// <summary>Adds parameters with nulls sent as SQL NULL and timestamps normalized to UTC (Npgsql refuses other offsets).</summary>
internal static class NpgsqlCommandExtensions
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value, NpgsqlDbType? type = null)
    {
        var parameter = new NpgsqlParameter(name, value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => time.ToUniversalTime(),
            _ => value,
        });
        if (type is { } dbType)
            parameter.NpgsqlDbType = dbType;
        command.Parameters.Add(parameter);
        return command;
    }

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string name, string? json) =>
        command.With(name, json, NpgsqlDbType.Jsonb);
}
