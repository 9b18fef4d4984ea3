using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Samples;

/// <summary>The per-sample columns of samples, in one order shared by the COPY and the INSERT paths.</summary>
internal static class SampleColumns
{
    public static readonly (string Name, NpgsqlDbType Type)[] All =
    [
        ("seq", NpgsqlDbType.Integer),
        ("kind", NpgsqlDbType.Text),
        ("is_warmup", NpgsqlDbType.Boolean),
        ("stage", NpgsqlDbType.Integer),
        ("scheduled_ns", NpgsqlDbType.Bigint),
        ("sent_ns", NpgsqlDbType.Bigint),
        ("first_token_ns", NpgsqlDbType.Bigint),
        ("prompt_end_ns", NpgsqlDbType.Bigint),
        ("end_ns", NpgsqlDbType.Bigint),
        ("event_ns", NpgsqlDbType.Array | NpgsqlDbType.Bigint),
        ("event_token_counts", NpgsqlDbType.Array | NpgsqlDbType.Integer),
        ("prompt_tokens", NpgsqlDbType.Integer),
        ("output_tokens", NpgsqlDbType.Integer),
        ("server_prompt_tokens", NpgsqlDbType.Integer),
        ("server_output_tokens", NpgsqlDbType.Integer),
        ("requested_output_tokens", NpgsqlDbType.Integer),
        ("error", NpgsqlDbType.Text),
        ("conversation_id", NpgsqlDbType.Text),
        ("turn_index", NpgsqlDbType.Integer),
        ("cached_prompt_tokens", NpgsqlDbType.Integer),
        ("reasoning_tokens", NpgsqlDbType.Integer),
        ("first_output_ns", NpgsqlDbType.Bigint),
        ("driver", NpgsqlDbType.Text),
        ("token_counts_exact", NpgsqlDbType.Boolean),
    ];

    public static readonly string NameList = string.Join(", ", All.Select(c => c.Name));

    /// <summary>The values of <paramref name="row"/> in the order of <see cref="All"/>.</summary>
    public static object?[] Values(SampleRow row) =>
    [
        row.Seq, row.Kind, row.IsWarmup, row.Stage, row.ScheduledNs, row.SentNs, row.FirstTokenNs, row.PromptEndNs,
        row.EndNs, row.EventNs, row.EventTokenCounts, row.PromptTokens, row.OutputTokens, row.ServerPromptTokens,
        row.ServerOutputTokens, row.RequestedOutputTokens, row.Error, row.ConversationId, row.TurnIndex,
        row.CachedPromptTokens, row.ReasoningTokens, row.FirstOutputNs, row.Driver, row.TokenCountsExact,
    ];

    /// <summary>Rows of one job attempt for a COPY into samples (job, attempt and run first, then <see cref="All"/>).</summary>
    public static void WriteJobRows(NpgsqlBinaryImporter importer, Guid runId, Guid jobId, int attempt, IReadOnlyList<SampleRow> rows)
    {
        foreach (var row in rows)
        {
            importer.StartRow();
            importer.Write(jobId, NpgsqlDbType.Uuid);
            importer.Write(attempt, NpgsqlDbType.Integer);
            importer.Write(runId, NpgsqlDbType.Uuid);
            WriteValues(importer, row);
        }
    }

    /// <summary>One row of a COPY into the staging table (the columns of <see cref="All"/> only).</summary>
    public static void WriteTo(NpgsqlBinaryImporter importer, SampleRow row)
    {
        importer.StartRow();
        WriteValues(importer, row);
    }

    private static void WriteValues(NpgsqlBinaryImporter importer, SampleRow row)
    {
        importer.Write(row.Seq, NpgsqlDbType.Integer);
        importer.Write(row.Kind, NpgsqlDbType.Text);
        importer.Write(row.IsWarmup, NpgsqlDbType.Boolean);
        importer.Write(row.Stage, NpgsqlDbType.Integer);
        WriteNullable(importer, row.ScheduledNs, NpgsqlDbType.Bigint);
        importer.Write(row.SentNs, NpgsqlDbType.Bigint);
        WriteNullable(importer, row.FirstTokenNs, NpgsqlDbType.Bigint);
        WriteNullable(importer, row.PromptEndNs, NpgsqlDbType.Bigint);
        importer.Write(row.EndNs, NpgsqlDbType.Bigint);
        importer.Write(row.EventNs, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(row.EventTokenCounts, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        importer.Write(row.PromptTokens, NpgsqlDbType.Integer);
        importer.Write(row.OutputTokens, NpgsqlDbType.Integer);
        WriteNullable(importer, row.ServerPromptTokens, NpgsqlDbType.Integer);
        WriteNullable(importer, row.ServerOutputTokens, NpgsqlDbType.Integer);
        importer.Write(row.RequestedOutputTokens, NpgsqlDbType.Integer);
        WriteText(importer, row.Error);
        WriteText(importer, row.ConversationId);
        WriteNullable(importer, row.TurnIndex, NpgsqlDbType.Integer);
        WriteNullable(importer, row.CachedPromptTokens, NpgsqlDbType.Integer);
        WriteNullable(importer, row.ReasoningTokens, NpgsqlDbType.Integer);
        WriteNullable(importer, row.FirstOutputNs, NpgsqlDbType.Bigint);
        WriteText(importer, row.Driver);
        WriteNullable(importer, row.TokenCountsExact, NpgsqlDbType.Boolean);
    }

    private static void WriteText(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
            importer.WriteNull();
        else
            importer.Write(value, NpgsqlDbType.Text);
    }

    /// <summary>Rejects rows the schema would refuse, naming the sample, before any of them is sent.</summary>
    public static void Validate(IReadOnlyList<SampleRow> rows, Guid jobId)
    {
        var seen = new HashSet<int>();
        foreach (var row in rows)
        {
            if (row.Seq < 0 || !seen.Add(row.Seq))
                throw new ArgumentException($"Sample seq {row.Seq} of job {jobId} is negative or appears twice in one write; seqs must be unique and >= 0.", nameof(rows));
            if (string.IsNullOrEmpty(row.Kind))
                throw new ArgumentException($"Sample seq {row.Seq} of job {jobId} has no kind.", nameof(rows));
            if (row.EventNs.Length != row.EventTokenCounts.Length)
                throw new ArgumentException(
                    $"Sample seq {row.Seq} of job {jobId} has {row.EventNs.Length} event times but {row.EventTokenCounts.Length} event token counts; they must pair up.", nameof(rows));
        }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } present)
            importer.Write(present, type);
        else
            importer.WriteNull();
    }
}
