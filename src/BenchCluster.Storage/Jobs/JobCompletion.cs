namespace BenchCluster.Storage.Jobs;

/// <summary>
/// The final state a worker commits together with its samples, in the same fenced transaction: either both are
/// stored or neither, so a coordinator that dies meanwhile loses nothing and redoes nothing.
/// </summary>
public sealed record JobCompletion(JobState Status, string? Error, string? MeasurementJson)
{
    public static JobCompletion Succeeded(string? measurementJson) => new(JobState.Succeeded, null, measurementJson);

    public static JobCompletion Failed(string error, string? measurementJson) => new(JobState.Failed, error, measurementJson);
}
