using BenchCluster.Contracts.Nodes;
using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Cli.Output.Listings;

/// <summary>`models`: one row per model file (by SHA-256) that the live workers hold, with the nodes that hold it.</summary>
internal sealed record ModelListing
{
    public required string FileName { get; init; }
    public required string Architecture { get; init; }
    public required string Quantization { get; init; }
    public required long SizeBytes { get; init; }
    public required bool IsSynthetic { get; init; }
    public string? SyntheticPreset { get; init; }
    public required string Sha256 { get; init; }
    public required IReadOnlyList<string> Nodes { get; init; }

    public static IReadOnlyList<ModelListing> From(IEnumerable<WorkerNode> workers) =>
        workers.SelectMany(w => w.Models.Select(m => (Model: m, Node: w.NodeName)))
            .GroupBy(x => x.Model.Sha256)
            .Select(group =>
            {
                var model = group.First().Model;
                return new ModelListing
                {
                    FileName = model.FileName, Architecture = model.Architecture, Quantization = model.Quantization,
                    SizeBytes = model.SizeBytes, IsSynthetic = model.IsSynthetic, SyntheticPreset = model.SyntheticPreset,
                    Sha256 = model.Sha256, Nodes = [.. group.Select(x => x.Node).Distinct()],
                };
            })
            .ToList();

    public static RowExporter<ModelListing> Exporter { get; } = new(
    [
        new("file", "file", m => m.FileName),
        new("architecture", "arch", m => m.Architecture),
        new("quantization", "quant", m => m.Quantization),
        new("size_mb", "MB", m => Math.Round(m.SizeBytes / 1e6, 1)),
        new("synthetic", "kind", m => m.IsSynthetic ? $"synthetic {m.SyntheticPreset}".TrimEnd() : "real"),
        new("sha256", "sha256", m => m.Sha256),
        new("nodes", "nodes", m => string.Join(", ", m.Nodes)),
    ]);
}
