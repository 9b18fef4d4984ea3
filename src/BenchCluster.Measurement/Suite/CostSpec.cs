namespace BenchCluster.Measurement.Suite;

/// <summary>Cost inputs of a suite: electricity price and per-node hardware prices.</summary>
public sealed record CostSpec
{
    /// <summary>Electricity price; 0 = electricity is already in the hourly price (cloud).</summary>
    public double UsdPerKwh { get; init; }
    /// <summary>Read RAPL / nvidia-smi power during runs where the machine exposes it.</summary>
    public bool MeasurePower { get; init; } = true;
    public IReadOnlyList<NodeCostSpec> Nodes { get; init; } = [];

    public static CostSpec Default { get; } = new();
}
