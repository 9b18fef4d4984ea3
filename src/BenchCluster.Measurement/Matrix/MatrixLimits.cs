namespace BenchCluster.Measurement.Matrix;

/// <summary>The operator's bound on the jobs one suite may become (coordinator/run/submit --max-jobs); a suite cannot raise it.</summary>
public static class MatrixLimits
{
    /// <summary>Far above real suites (the bundled one is a few hundred jobs); each job is a row and a dispatch.</summary>
    public const long DefaultMaxJobs = 100_000;
}
