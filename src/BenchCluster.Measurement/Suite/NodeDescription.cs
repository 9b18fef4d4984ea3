namespace BenchCluster.Measurement.Suite;

/// <summary>
/// A worker node as node selectors and cost inputs see it. The coordinator fills it from the worker's silo metadata.
/// </summary>
public sealed record NodeDescription
{
    public required string NodeName { get; init; }
    public required DeviceKind Device { get; init; }
    /// <summary>GPU name on GPU nodes, CPU model on CPU nodes.</summary>
    public required string DeviceName { get; init; }
    public int Cores { get; init; }
    public long RamBytes { get; init; }
    public long VramBytes { get; init; }
    /// <summary>SHA-256 (lower-case hex) of every model file the node holds.</summary>
    public IReadOnlyList<string> ModelSha256s { get; init; } = [];
    /// <summary>File names of the model files the node holds.</summary>
    public IReadOnlyList<string> ModelFileNames { get; init; } = [];
    /// <summary>The node's advertised price (cloud rate or amortized hardware), 0 when unknown.</summary>
    public double PriceUsdPerHour { get; init; }
    /// <summary>The node's advertised power draw under load, 0 when unknown.</summary>
    public double Watts { get; init; }
}
