namespace BenchCluster.Contracts.Grains;

/// <summary>
/// Where the drivers of one fleet repetition meet (key: <see cref="FleetStartKey"/>): each reports itself ready; once
/// all have, the coordinator fixes a common wall-clock start far enough ahead for every driver to learn it in time.
/// </summary>
public interface IFleetStartGrain : IGrainWithStringKey
{
    /// <summary>Marks driver <paramref name="driver"/> of <paramref name="drivers"/> ready; the common start (UTC ticks) once all are, else null.</summary>
    Task<long?> ArriveAsync(int driver, int drivers);
}
