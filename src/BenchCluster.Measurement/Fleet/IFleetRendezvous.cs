using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Measurement.Fleet;

/// <summary>Where the drivers of one fleet repetition meet: answered once all arrived, with the common start.</summary>
public interface IFleetRendezvous
{
    /// <summary>Reports this driver ready and waits for the others; returns the common wall-clock start (UTC).</summary>
    Task<DateTimeOffset> StartAsync(JobSpec job, CancellationToken cancellationToken);
}
