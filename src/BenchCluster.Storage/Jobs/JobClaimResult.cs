namespace BenchCluster.Storage.Jobs;

/// <summary>
/// What became of a claim: the attempt it started (null: the job is unknown or already final), and whether the
/// claimer still held the run; a claimer that lost it claimed nothing and must stop dispatching.
/// </summary>
public sealed record JobClaimResult(int? Attempt, bool StillOwner)
{
    public static JobClaimResult Claimed(int attempt) => new(attempt, true);

    public static JobClaimResult NotClaimable { get; } = new(null, true);

    public static JobClaimResult OwnershipLost { get; } = new(null, false);
}
