namespace BenchCluster.Measurement.Workloads.Inputs;

/// <summary>
/// A dataset or trace file as a job used it, for the provenance: the path as the suite named it, the SHA-256 of the
/// whole file, how many records were kept and how many were skipped (with the reason in <see cref="SkipReason"/>).
/// </summary>
public sealed record WorkloadInputFile
{
    /// <summary>"sharegpt", "jsonl" or "trace".</summary>
    public required string Format { get; init; }
    public required string Path { get; init; }
    /// <summary>SHA-256 of every byte of the file (lower-case hex), also when only its first records were read.</summary>
    public required string Sha256 { get; init; }
    public required long Bytes { get; init; }
    public required int Records { get; init; }
    public int Skipped { get; init; }
    public string? SkipReason { get; init; }
    /// <summary>Trace rows whose lengths were cut to what an in-process slot holds (<see cref="PromptBounds"/>).</summary>
    public int Clipped { get; init; }
}
