namespace BenchCluster.Contracts.Grains;

/// <summary>The key of a fleet repetition's meeting point: run, point and repetition (the drivers share all three).</summary>
public static class FleetStartKey
{
    public static string Format(Guid runId, string pointId, int repetition) => $"{runId:N}/{pointId}/{repetition}";
}
