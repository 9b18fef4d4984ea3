namespace BenchCluster.Storage.Samples;

/// <summary>What became of a sample write.</summary>
public enum SampleWriteOutcome
{
    /// <summary>The attempt was current: new rows were inserted, rows already stored were left as they were.</summary>
    Written,
    /// <summary>Fenced out: the job has moved on to another attempt or has finished; nothing was written.</summary>
    StaleAttempt,
    /// <summary>No job with that id belongs to that run; nothing was written.</summary>
    JobNotFound,
}
