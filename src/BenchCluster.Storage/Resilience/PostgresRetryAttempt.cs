namespace BenchCluster.Storage.Resilience;

/// <summary>One failed try that will be repeated: the error, which try it was (1 = the first call), and the wait before the next.</summary>
public sealed record PostgresRetryAttempt(Exception Error, int FailedTry, TimeSpan Delay);
