using BenchCluster.Gguf.Siblings;
using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Models quantized from another model of the suite (<c>from:</c> + <c>type:</c>): the entry itself, then the checks
/// across models once all are read: the parent exists, is run in-process, holds float weights, and no chain of
/// <c>from:</c> loops. Chains are walked iteratively with a visited set, so a cycle is refused before anything recurses.
/// </summary>
internal static class SiblingRules
{
    public sealed record Placed(ModelSpec Model, YamlNode FromNode, string Path);

    public static ModelSpec? Sibling(YamlMap map, string? name)
    {
        var from = map.String("from");
        string? type = null;
        if (!map.Has("type"))
            map.Missing("type", $"a model with from: needs the quantization type to make, one of: {QuantizationTypes.AllowedNames}");
        else if (map.String("type") is { } text)
        {
            if (QuantizationTypes.TryParse(text, out var parsed))
                type = parsed.Name;
            else
                map.Values.Errors.Add(map.Get("type")!, map.Child("type"),
                    $"'{text}' is not a quantization type llama_model_quantize offers here" + DidYouMean.Hint(text, QuantizationTypes.All.Select(t => t.Name).ToList()));
        }
        return from is null || type is null ? null : new ModelSpec { Name = name ?? $"{from}-{type}", From = from, Quantization = type };
    }

    public static void Check(IReadOnlyList<Placed> placed, YamlValue values)
    {
        var byName = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in placed)
            byName.TryAdd(entry.Model.Name, entry.Model);
        foreach (var (model, node, path) in placed.Where(p => p.Model.From is not null))
        {
            var field = $"{path}.from";
            if (!byName.TryGetValue(model.From!, out var parent))
                values.Errors.Add(node, field, $"model '{model.From}' is not in this suite; name one of its models: {string.Join(", ", byName.Keys)}");
            else if (Cycle(model, byName) is { } cycle)
                values.Errors.Add(node, field, $"from: loops ({string.Join(" -> ", cycle)}); a chain of siblings must start at a preset or path model");
            else if (!parent.IsInProcess)
                values.Errors.Add(node, field, $"model '{parent.Name}' is an endpoint; llama_model_quantize needs a GGUF file: name a preset or path model");
            else if (NotFloat(parent) is { } problem)
                values.Errors.Add(node, field, problem);
        }
    }

    private static List<string>? Cycle(ModelSpec start, IReadOnlyDictionary<string, ModelSpec> byName)
    {
        var chain = new List<string> { start.Name };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { start.Name };
        for (var current = start; current.From is { } from && byName.TryGetValue(from, out var next); current = next)
        {
            chain.Add(next.Name);
            if (!seen.Add(next.Name))
                return chain;
        }
        return null;
    }

    // A file's weights are checked where it is quantized (the worker or `run` refuses a quantized file by name).
    private static string? NotFloat(ModelSpec parent)
    {
        var isFloat = parent.Source switch
        {
            ModelSourceKind.Preset => string.Equals(parent.Quantization, "f16", StringComparison.OrdinalIgnoreCase),
            ModelSourceKind.Quantized => QuantizationTypes.TryParse(parent.Quantization, out var type) && type.IsFloat,
            _ => true,
        };
        return isFloat ? null
            : $"model '{parent.Name}' is {parent.Quantization}, already quantized; quantize from an F16 model (a preset with type: f16, or a from: model with type f16/f32/bf16) so siblings differ by their own quantization alone";
    }
}
