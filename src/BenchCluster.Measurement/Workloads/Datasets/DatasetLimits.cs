namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>Bounds on a dataset file, checked while streaming it, before anything of their size is allocated.</summary>
public sealed record DatasetLimits
{
    /// <summary>ShareGPT files in common use are several hundred MB; the file is streamed, so only this bound is read.</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;
    /// <summary>Entries kept when the suite gives no max_entries (they are held in memory for seeded sampling).</summary>
    public int DefaultMaxEntries { get; init; } = 100_000;
    public const int MaxEntriesLimit = 1_000_000;
    /// <summary>A JSONL line; a longer one is reported, not read.</summary>
    public int MaxLineChars { get; init; } = 1024 * 1024;
    /// <summary>Characters of one prompt; longer entries are skipped (no model context holds them).</summary>
    public int MaxPromptChars { get; init; } = 256 * 1024;
    /// <summary>A conversation_id: it is kept per entry and grouped on, so a line cannot make it arbitrarily long.</summary>
    public int MaxConversationIdChars { get; init; } = 256;
    /// <summary>JSON nesting: ShareGPT needs 4 levels; anything far deeper is refused before it is parsed further.</summary>
    public int MaxDepth { get; init; } = 16;

    public static DatasetLimits Default { get; } = new();
}
