using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Which file on a node is the suite's model: a forged preset by its synthetic marker, a path by its file name, a
/// sibling (<c>from:</c>) by the parent SHA-256 and type its metadata records, where the parent is the file that
/// matched the <c>from:</c> model on that same node. So a sibling is never matched to a file quantized from another
/// F16 that merely shares its preset.
/// </summary>
public static class ModelMatcher
{
    /// <param name="suiteModels">The suite's models, to resolve <see cref="ModelSpec.From"/>; without them a sibling matches nothing.</param>
    public static HeldModel? Find(ModelSpec model, WorkerNode node, IReadOnlyList<ModelSpec>? suiteModels = null)
    {
        // Parsing refused from: cycles; the bound only keeps a hand-made spec from looping here.
        var depth = suiteModels?.Count ?? 0;
        return Find(model, node, suiteModels ?? [], depth);
    }

    private static HeldModel? Find(ModelSpec model, WorkerNode node, IReadOnlyList<ModelSpec> suiteModels, int depth) => model.Source switch
    {
        ModelSourceKind.Preset => node.Models.FirstOrDefault(held =>
            held.IsSynthetic
            && held.ParentSha256 is null
            && string.Equals(held.SyntheticPreset, model.Preset, StringComparison.OrdinalIgnoreCase)
            && string.Equals(held.Quantization, model.Quantization, StringComparison.OrdinalIgnoreCase)),
        ModelSourceKind.File => node.Models.FirstOrDefault(held =>
            string.Equals(held.FileName, Path.GetFileName(model.Path), StringComparison.Ordinal)),
        ModelSourceKind.Quantized when depth > 0
            && suiteModels.FirstOrDefault(m => string.Equals(m.Name, model.From, StringComparison.OrdinalIgnoreCase)) is { } parentSpec
            && Find(parentSpec, node, suiteModels, depth - 1) is { } parent =>
            node.Models.FirstOrDefault(held =>
                string.Equals(held.ParentSha256, parent.Sha256, StringComparison.Ordinal)
                && string.Equals(held.SiblingType, model.Quantization, StringComparison.OrdinalIgnoreCase)),
        _ => null,
    };

    /// <summary>How a model is named in errors: "qwen2.5-0.5b (preset qwen2.5-0.5b, q4_k_m)".</summary>
    public static string Describe(ModelSpec model) => model.Source switch
    {
        ModelSourceKind.Preset => $"{model.Name} (forged preset {model.Preset}, {model.Quantization})",
        ModelSourceKind.File => $"{model.Name} (file {Path.GetFileName(model.Path)})",
        ModelSourceKind.Quantized => $"{model.Name} ({model.Quantization} quantized from {model.From}: benchcluster forge --type {model.Quantization} --from PARENT_FILE)",
        _ => $"{model.Name} (endpoint {model.Endpoint?.BaseUrl})",
    };
}
