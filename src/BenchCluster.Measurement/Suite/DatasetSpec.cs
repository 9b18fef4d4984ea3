namespace BenchCluster.Measurement.Suite;

/// <summary>A workload's prompt source: the bundled prompt set or a dataset file (its SHA-256 goes into the provenance).</summary>
public sealed record DatasetSpec
{
    public DatasetFormat Format { get; init; } = DatasetFormat.Bundled;
    /// <summary>The dataset file (ShareGPT JSON or JSONL); null for the bundled set.</summary>
    public string? Path { get; init; }
    /// <summary>Entries read at most from the file (bounded before allocating); null = the reader's own bound.</summary>
    public int? MaxEntries { get; init; }
}
