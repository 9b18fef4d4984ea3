namespace BenchCluster.Measurement.Workloads.Inputs;

/// <summary>
/// A dataset or trace file that cannot be used: each problem names the file, the line or entry, and the fix. Thrown
/// before the run starts, so no request is sent with a half-read input.
/// </summary>
public sealed class WorkloadInputException(string file, IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public WorkloadInputException(string file, string problem)
        : this(file, [problem])
    {
    }

    public string File { get; } = file;

    public IReadOnlyList<string> Problems { get; } = problems;
}
