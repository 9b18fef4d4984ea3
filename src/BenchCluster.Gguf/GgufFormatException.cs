namespace BenchCluster.Gguf;

/// <summary>
/// A file was rejected as GGUF (by <see cref="GgufReader"/>) or as a model llama.cpp can run (by <see cref="GgufValidator"/>).
/// The message names the file, the byte offset where it applies, the problem, and what to do.
/// </summary>
public sealed class GgufFormatException : Exception
{
    public const string DefaultFix = "Re-download or re-convert the model, or forge a synthetic one with 'benchcluster forge'.";

    public GgufFormatException(string source, GgufProblem problem, string detail, long? offset = null, string? fix = null, Exception? inner = null)
        : base(Compose(source, detail, offset, fix ?? DefaultFix), inner)
    {
        FilePath = source;
        Problem = problem;
        Offset = offset;
        Detail = detail;
    }

    public GgufFormatException()
        : this("(unknown)", GgufProblem.Unreadable, "the file could not be read")
    {
    }

    public GgufFormatException(string message)
        : this("(unknown)", GgufProblem.Unreadable, message)
    {
    }

    public GgufFormatException(string message, Exception innerException)
        : this("(unknown)", GgufProblem.Unreadable, message, inner: innerException)
    {
    }

    /// <summary>The file path (or stream name) that was rejected.</summary>
    public string FilePath { get; }

    public GgufProblem Problem { get; }

    /// <summary>Byte offset in the file where the problem was found, when it is about one place.</summary>
    public long? Offset { get; }

    /// <summary>The problem alone, without file name and fix.</summary>
    public string Detail { get; }

    private static string Compose(string source, string detail, long? offset, string fix) =>
        offset is { } at
            ? $"'{source}' is not a usable GGUF model: {detail} (at byte {at}). {fix}"
            : $"'{source}' is not a usable GGUF model: {detail}. {fix}";
}
