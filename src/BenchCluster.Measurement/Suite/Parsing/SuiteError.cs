namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>One problem in a suite file: where (1-based line and column), which field, and what to do about it.</summary>
public sealed record SuiteError(int Line, int Column, string FieldPath, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {FieldPath}: {Message}";
}
