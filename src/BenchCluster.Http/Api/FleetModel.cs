using BenchCluster.Contracts.Nodes;

namespace BenchCluster.Http.Api;

/// <summary>One model file (by SHA-256) and the live nodes that hold it.</summary>
public sealed record FleetModel(
    string Sha256, string FileName, long SizeBytes, string Architecture, string Quantization, bool IsSynthetic, string? SyntheticPreset,
    IReadOnlyList<string> Nodes)
{
    public static IReadOnlyList<FleetModel> Of(IEnumerable<WorkerNode> workers) =>
        workers.SelectMany(w => w.Models.Select(m => (Model: m, Node: w.NodeName)))
            .GroupBy(x => x.Model.Sha256, StringComparer.Ordinal)
            .Select(g =>
            {
                var m = g.First().Model;
                return new FleetModel(m.Sha256, m.FileName, m.SizeBytes, m.Architecture, m.Quantization, m.IsSynthetic, m.SyntheticPreset,
                    g.Select(x => x.Node).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
            })
            .OrderBy(m => m.FileName, StringComparer.Ordinal)
            .ToList();
}
