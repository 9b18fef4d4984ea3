using Orleans.Configuration;

namespace BenchCluster.Hosting.Silos;

/// <summary>
/// Failure detection tuned so a dead worker is noticed in seconds, not the minute Orleans' defaults take
/// (docs/architecture.md has the measured figures). Probes every second, 3 missed probes to suspect,
/// and no connection-liveness veto, which otherwise keeps a hung (SIGSTOPped) silo alive for 60 s.
/// The limit is not lower because a worker measuring on all cores must not be declared dead for being busy.
/// </summary>
public static class MembershipTuning
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    public const int MissedProbesLimit = 3;
    public static readonly TimeSpan TablePublishInterval = TimeSpan.FromSeconds(10);

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = MissedProbesLimit;
        options.EnableConnectionLivenessCheck = false;
        options.IAmAliveTablePublishTimeout = TablePublishInterval;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        options.DefunctSiloExpiration = TimeSpan.FromHours(1);
        options.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
    }
}
