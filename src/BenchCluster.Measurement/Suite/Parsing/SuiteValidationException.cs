namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>A suite file with problems; <see cref="Errors"/> lists every one found, not just the first.</summary>
public sealed class SuiteValidationException : Exception
{
    public SuiteValidationException(string sourceName, IReadOnlyList<SuiteError> errors)
        : base(Format(sourceName, errors))
    {
        SourceName = sourceName;
        Errors = errors;
    }

    public SuiteValidationException()
        : this("suite", [])
    {
    }

    public SuiteValidationException(string message)
        : base(message)
    {
        SourceName = "suite";
        Errors = [];
    }

    public SuiteValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = "suite";
        Errors = [];
    }

    public string SourceName { get; } = "suite";

    public IReadOnlyList<SuiteError> Errors { get; } = [];

    private static string Format(string sourceName, IReadOnlyList<SuiteError> errors) =>
        $"{sourceName} has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}:" + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(e => $"  {sourceName}:{e}"));
}
