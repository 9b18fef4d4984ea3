using BenchCluster.Storage.Jobs;

namespace BenchCluster.Storage.Samples;

/// <summary>A job attempt's samples and final state, to be stored together.</summary>
public sealed record FinishedJob(Guid RunId, Guid JobId, int Attempt, IReadOnlyList<SampleRow> Rows, JobCompletion Completion);
