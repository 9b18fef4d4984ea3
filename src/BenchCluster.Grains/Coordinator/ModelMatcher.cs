using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>Which file on a node is the suite's model: a forged preset by its synthetic marker, a path by its file name.</summary>
public static class ModelMatcher
{
    public static HeldModel? Find(ModelSpec model, WorkerNode node) => model.Source switch
    {
        ModelSourceKind.Preset => node.Models.FirstOrDefault(held =>
            held.IsSynthetic
            && string.Equals(held.SyntheticPreset, model.Preset, StringComparison.OrdinalIgnoreCase)
            && string.Equals(held.Quantization, model.Quantization, StringComparison.OrdinalIgnoreCase)),
        ModelSourceKind.File => node.Models.FirstOrDefault(held =>
            string.Equals(held.FileName, Path.GetFileName(model.Path), StringComparison.Ordinal)),
        _ => null,
    };

    /// <summary>How a model is named in errors: "qwen2.5-0.5b (preset qwen2.5-0.5b, q4_k_m)".</summary>
    public static string Describe(ModelSpec model) => model.Source switch
    {
        ModelSourceKind.Preset => $"{model.Name} (forged preset {model.Preset}, {model.Quantization})",
        ModelSourceKind.File => $"{model.Name} (file {Path.GetFileName(model.Path)})",
        _ => $"{model.Name} (endpoint {model.Endpoint?.BaseUrl})",
    };
}
