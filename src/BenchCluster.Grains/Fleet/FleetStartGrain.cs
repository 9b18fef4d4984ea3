using BenchCluster.Contracts.Grains;
using BenchCluster.Grains.Placement;
using BenchCluster.Measurement.Fleet;

namespace BenchCluster.Grains.Fleet;

/// <summary>
/// The coordinator's side of a fleet start: it counts ready drivers and, when the last arrives, fixes the start at
/// its own wall clock plus <see cref="FleetLimits.StartLead"/>, long enough for every polling driver to hear of it
/// and map it to its monotonic clock. The start never moves once fixed: a driver that comes later (a retry) is told
/// the same instant and refuses to run a repetition it cannot start together with the others.
/// </summary>
[CoordinatorPlacement]
public sealed class FleetStartGrain : Grain, IFleetStartGrain
{
    private readonly HashSet<int> _arrived = [];
    private long? _startTicks;

    public Task<long?> ArriveAsync(int driver, int drivers)
    {
        if (drivers < 1 || drivers > FleetLimits.MaxDrivers || driver < 0 || driver >= drivers)
            throw new ArgumentOutOfRangeException(nameof(driver), $"driver {driver} of {drivers} is not a fleet driver (1 to {FleetLimits.MaxDrivers} drivers)");
        _arrived.Add(driver);
        if (_startTicks is null && _arrived.Count >= drivers)
            _startTicks = (DateTimeOffset.UtcNow + FleetLimits.StartLead).UtcTicks;
        return Task.FromResult(_startTicks);
    }
}
