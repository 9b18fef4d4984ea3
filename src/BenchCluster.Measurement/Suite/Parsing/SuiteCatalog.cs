using BenchCluster.Gguf.Forge;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>The forge presets and quantization types a suite may name; <see cref="Default"/> is what the worker's forge can make.</summary>
public sealed record SuiteCatalog(IReadOnlyCollection<string> Presets, IReadOnlyCollection<string> Quantizations)
{
    public static SuiteCatalog Default { get; } = new(
        ForgePresets.Names,
        ForgeWeightTypes.All.Select(ForgeWeightTypes.Name).ToList());
}
