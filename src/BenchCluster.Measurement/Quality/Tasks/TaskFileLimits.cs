namespace BenchCluster.Measurement.Quality.Tasks;

/// <summary>Bounds on a task file, checked before anything is allocated for what it claims.</summary>
public sealed record TaskFileLimits
{
    public static TaskFileLimits Default { get; } = new();

    /// <summary>HellaSwag's whole validation set in JSONL is about 50 MB.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;
    public int MaxLineChars { get; init; } = 64 * 1024;
    /// <summary>HellaSwag's validation set has 10,042 tasks; its training set about 40,000.</summary>
    public int MaxTasks { get; init; } = 100_000;
    public int MaxEndingChars { get; init; } = 8 * 1024;
    public int MinEndings { get; init; } = 2;
    public int MaxEndings { get; init; } = 8;
    /// <summary>Past this many bad lines the rest of the file is not read: the list would not help more.</summary>
    public int MaxErrors { get; init; } = 20;
}
