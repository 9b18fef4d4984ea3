using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Which file on a node is the suite's model: a forged preset by its synthetic marker, a path by its file name, a
/// sibling (<c>from:</c>) by the parent SHA-256 and type its metadata records, where the parent is the file that
/// matched the <c>from:</c> model on that same node. So a sibling is never matched to a file quantized from another
/// F16 that merely shares its preset, and a path never to one of several different files that share its name: a
/// node holding two is not given the model (<see cref="Ambiguity"/> says why), rather than measuring a guess.
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
        ModelSourceKind.File => NamedFiles(model, node) is { } named && Contents(named).Count == 1 ? named[0] : null,
        ModelSourceKind.Quantized when depth > 0
            && suiteModels.FirstOrDefault(m => string.Equals(m.Name, model.From, StringComparison.OrdinalIgnoreCase)) is { } parentSpec
            && Find(parentSpec, node, suiteModels, depth - 1) is { } parent =>
            node.Models.FirstOrDefault(held =>
                string.Equals(held.ParentSha256, parent.Sha256, StringComparison.Ordinal)
                && string.Equals(held.SiblingType, model.Quantization, StringComparison.OrdinalIgnoreCase)),
        _ => null,
    };

    /// <summary>Why a path model is not matched on a node that holds files of its name: several, with different contents; null otherwise.</summary>
    public static string? Ambiguity(ModelSpec model, WorkerNode node)
    {
        if (model.Source != ModelSourceKind.File || NamedFiles(model, node) is not { } named)
            return null;
        var contents = Contents(named);
        return contents.Count < 2 ? null
            : $"{node.NodeName} holds {contents.Count} different files named {Path.GetFileName(model.Path)} (SHA-256 {string.Join(", ", contents.Select(c => c.Length > 12 ? c[..12] : c))}); "
              + "a path model is matched by its file name, so give each file a name of its own or remove the others from the node's model folders";
    }

    private static List<string> Contents(List<HeldModel> files) => files.Select(h => h.Sha256).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static List<HeldModel>? NamedFiles(ModelSpec model, WorkerNode node)
    {
        var named = node.Models.Where(held => string.Equals(held.FileName, Path.GetFileName(model.Path), StringComparison.Ordinal)).ToList();
        return named.Count == 0 ? null : named;
    }

    /// <summary>How a model is named in errors: "qwen2.5-0.5b (preset qwen2.5-0.5b, q4_k_m)".</summary>
    public static string Describe(ModelSpec model) => model.Source switch
    {
        ModelSourceKind.Preset => $"{model.Name} (forged preset {model.Preset}, {model.Quantization})",
        ModelSourceKind.File => $"{model.Name} (file {Path.GetFileName(model.Path)})",
        ModelSourceKind.Quantized => $"{model.Name} ({model.Quantization} quantized from {model.From}: benchcluster forge --type {model.Quantization} --from PARENT_FILE)",
        _ => $"{model.Name} (endpoint {model.Endpoint?.BaseUrl})",
    };
}
