using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Storage;

namespace BenchCluster.Grains.Coordinator;

/// <summary>What the coordinator's grains share: the database and the suite parser.</summary>
public sealed class CoordinatorContext(BenchClusterDatabase database, SuiteParser parser)
{
    public BenchClusterDatabase Database { get; } = database;

    public SuiteParser Parser { get; } = parser;

    /// <summary>Starts job attempts, batching concurrent claims into one statement.</summary>
    public JobClaims Claims { get; } = new(database);

    /// <summary>Attempts a job gets when its engine fails (a crash may be a one-off; a hostile file crashes every time).</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>Most jobs one suite may expand to (coordinator --max-jobs); a suite above it is refused with its count.</summary>
    public long MaxJobs { get; init; } = Measurement.Matrix.MatrixLimits.DefaultMaxJobs;

    /// <summary>Jobs dispatched to one node at once: 1, so measurements do not disturb each other (more only to measure the cluster itself).</summary>
    public int JobsPerNode { get; init; } = 1;
}
