namespace BenchCluster.Measurement.Quality;

/// <summary>
/// A corpus or task file that cannot be used, refused before any compute is spent. <see cref="Problems"/> holds
/// each problem as the user should read it (file, line where there is one, what is wrong, what to do).
/// </summary>
public sealed class QualityInputException : Exception
{
    public QualityInputException(string file, IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : $"{file}: {problems.Count} problems:\n  " + string.Join("\n  ", problems))
    {
        File = file;
        Problems = problems;
    }

    public QualityInputException(string file, string problem) : this(file, [problem])
    {
    }

    /// <summary>The file as the user named it ("bundled" for the corpus shipped with BenchCluster).</summary>
    public string File { get; }

    public IReadOnlyList<string> Problems { get; }
}
