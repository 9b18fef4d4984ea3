using BenchCluster.Cli.Commands;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Siblings;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Cli.Output;

/// <summary>
/// Local mode's siblings: after presets are forged and files linked, each <c>from:</c> model is quantized from its
/// parent's file into the models folder as <c>sibling-{parent sha256 prefix}-{type}.gguf</c>, unless a file there
/// already records that parent SHA-256 and type (quantized once, reused by later runs). The local worker's catalog
/// then finds it by its metadata, as a cluster worker would.
/// </summary>
internal static class SiblingPreparer
{
    public static async Task PrepareAsync(SuiteDefinition suite, string folder, CancellationToken cancellationToken)
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in suite.Models.Where(m => m.Source == ModelSourceKind.Quantized))
            await PathOfAsync(model, suite, folder, paths, suite.Models.Count, cancellationToken);
    }

    private static async Task<string> PathOfAsync(
        ModelSpec model, SuiteDefinition suite, string folder, Dictionary<string, string> paths, int depth, CancellationToken cancellationToken)
    {
        if (paths.TryGetValue(model.Name, out var known))
            return known;
        if (depth < 0)
            throw new UserFacingException($"model {model.Name}: its from: chain is longer than the suite's model list; check for a loop");
        var path = model.Source switch
        {
            ModelSourceKind.Preset => Path.Combine(folder, ModelForge.DefaultFileName(ForgePresets.Get(model.Preset) with { WeightType = ForgeWeightTypes.Parse(model.Quantization) })),
            ModelSourceKind.File => Path.Combine(folder, Path.GetFileName(model.Path!)),
            ModelSourceKind.Quantized => await SiblingAsync(model, suite, folder, paths, depth, cancellationToken),
            _ => throw new UserFacingException($"model {model.Name} is an endpoint; a from: model needs a preset or path parent"),
        };
        paths[model.Name] = path;
        return path;
    }

    private static async Task<string> SiblingAsync(
        ModelSpec model, SuiteDefinition suite, string folder, Dictionary<string, string> paths, int depth, CancellationToken cancellationToken)
    {
        var parentSpec = suite.Models.First(m => string.Equals(m.Name, model.From, StringComparison.OrdinalIgnoreCase));
        var parentPath = await PathOfAsync(parentSpec, suite, folder, paths, depth - 1, cancellationToken);
        if (!QuantizationTypes.TryParse(model.Quantization, out var type))
            throw new UserFacingException($"model {model.Name}: type '{model.Quantization}' is not one of {QuantizationTypes.AllowedNames}");
        var parentSha = await ModelFileDigest.GetSha256Async(parentPath, cancellationToken);
        var path = Path.Combine(folder, $"sibling-{parentSha[..16]}-{type.Name}.gguf");
        if (File.Exists(path) && SiblingMarker.Read(GgufReader.Read(path)) == new SiblingOrigin(parentSha, type.Name))
            return path;
        await QuantizeRunner.QuantizeAsync(parentPath, path, type, cancellationToken);
        return path;
    }
}
