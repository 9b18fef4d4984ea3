using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Storage;
using BenchCluster.Storage.Resilience;

namespace BenchCluster.Grains.Coordinator;

/// <summary>What the coordinator's grains share: the database, the suite parser and how runs are dispatched.</summary>
public sealed class CoordinatorContext(BenchClusterDatabase database, SuiteParser parser)
{
    public BenchClusterDatabase Database { get; } = database;

    public SuiteParser Parser { get; } = parser;

    /// <summary>Starts job attempts, batching concurrent claims into one statement.</summary>
    public JobClaims Claims { get; } = new(database);

    /// <summary>Attempts a job gets when its engine crashes (a crash may be a one-off; a hostile file crashes every time).</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>Most jobs one suite may expand to (coordinator --max-jobs); a suite above it is refused with its count.</summary>
    public long MaxJobs { get; init; } = Measurement.Matrix.MatrixLimits.DefaultMaxJobs;

    /// <summary>Jobs dispatched to one node at once: 1, so measurements do not disturb each other (more only to measure the cluster itself).</summary>
    public int JobsPerNode { get; init; } = 1;

    /// <summary>How long Postgres calls are retried through an outage.</summary>
    public PostgresRetryOptions Retry { get; init; } = PostgresRetryOptions.Default;

    /// <summary>
    /// How long a coordinator's hold on a run lasts without renewal: another coordinator takes the run over only after
    /// this, so it bounds both how long a run waits for a restarted coordinator and how long two could believe they own it.
    /// </summary>
    public TimeSpan RunLease { get; init; } = TimeSpan.FromSeconds(20);
}
