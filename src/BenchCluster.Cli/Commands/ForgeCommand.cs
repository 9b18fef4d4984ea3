using System.CommandLine;
using BenchCluster.Cli.Output;
using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Siblings;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster forge`: writes a synthetic GGUF model with the exact shape of a real one and random weights.</summary>
internal static class ForgeCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = $"Shape of a real model: {string.Join(", ", ForgePresets.Names)}.", DefaultValueFactory = _ => ForgePresets.Tiny };
        var type = new Option<string>("--type") { Description = $"Weight type: {ForgeWeightTypes.AllowedNames} (q4_k_m mixes types per tensor as llama-quantize does); with --from: {QuantizationTypes.AllowedNames}.", DefaultValueFactory = _ => "f16" };
        var output = new Option<string?>("--output", "-o", "--out") { Description = "Folder (the file gets a descriptive name) or .gguf file path. Default: models/, or the --from file's folder." };
        var from = new Option<string?>("--from") { Description = "Quantize this F32/F16/BF16 GGUF (through llama.cpp's llama_model_quantize) instead of forging: a sibling sharing its weights, marked with its SHA-256." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random weights: the same seed gives a byte-identical file." };
        var layers = new Option<int?>("--layers") { Description = "Custom shape: override the preset's block count." };
        var embedding = new Option<int?>("--embedding") { Description = "Custom shape: override n_embd." };
        var feedForward = new Option<int?>("--ffn") { Description = "Custom shape: override n_ff." };
        var heads = new Option<int?>("--heads") { Description = "Custom shape: override n_head." };
        var kvHeads = new Option<int?>("--kv-heads") { Description = "Custom shape: override n_head_kv." };
        var context = new Option<int?>("--context") { Description = "Custom shape: override the trained context length." };
        var command = new Command("forge", """
            Write a synthetic GGUF model: random weights with the exact tensor shapes and quantization of a real model,
            a real tokenizer, and a 'benchcluster.synthetic' marker so its results are never mistaken for real weights.
            Streams to disk with bounded memory; writes <file>.sha256 beside it.
            Examples:
              benchcluster forge --preset qwen2.5-0.5b --type q4_k_m --output models/
              benchcluster forge --preset tiny --layers 4 --embedding 128 --output models/tiny4.gguf
              benchcluster forge --type q4_k_m --from models/synthetic-qwen2.5-0.5b-f16-s0.gguf
            With --from, the file is quantized by llama.cpp itself (as llama-quantize would) into a sibling that keeps
            every key of its parent (the synthetic marker too) and records the parent's SHA-256 and the type, so
            suites' 'from:' models find it; progress goes to stderr, the path to stdout.
            """)
        {
            preset, type, output, from, seed, layers, embedding, feedForward, heads, kvHeads, context,
        };
        var shapeOptions = new Option[] { preset, seed, layers, embedding, feedForward, heads, kvHeads, context };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(from) is { } source)
                return await SiblingAsync(parse, source, parse.GetValue(type)!, parse.GetValue(output), shapeOptions, cancellationToken);
            var spec = ForgePresets.Get(parse.GetValue(preset)) with { WeightType = ForgeWeightTypes.Parse(parse.GetValue(type)), Seed = parse.GetValue(seed) };
            spec = spec with
            {
                BlockCount = parse.GetValue(layers) ?? spec.BlockCount,
                EmbeddingLength = parse.GetValue(embedding) ?? spec.EmbeddingLength,
                FeedForwardLength = parse.GetValue(feedForward) ?? spec.FeedForwardLength,
                HeadCount = parse.GetValue(heads) ?? spec.HeadCount,
                HeadCountKv = parse.GetValue(kvHeads) ?? spec.HeadCountKv,
                ContextLength = parse.GetValue(context) ?? spec.ContextLength,
            };
            // A changed shape is not the preset any more: results must not be matched to it.
            if (new[] { parse.GetValue(layers), parse.GetValue(embedding), parse.GetValue(feedForward), parse.GetValue(heads), parse.GetValue(kvHeads), parse.GetValue(context) }.Any(v => v is not null))
                spec = spec with { Preset = "custom" };
            spec = spec.Validate();
            var target = parse.GetValue(output) ?? "models";
            var path = target.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, ModelForge.DefaultFileName(spec));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var result = await ForgeRunner.ForgeAsync(spec, path, cancellationToken);
            Console.WriteLine(result.Path);
            return 0;
        });
        return command;
    }

    private static async Task<int> SiblingAsync(
        ParseResult parse, string source, string typeName, string? output, Option[] shapeOptions, CancellationToken cancellationToken)
    {
        var shaped = shapeOptions.FirstOrDefault(option => parse.GetResult(option) is { Implicit: false });
        if (shaped is not null)
            throw new UserFacingException($"{shaped.Name} shapes a forged model; with --from the shape is the source file's: drop {shaped.Name}.");
        if (!QuantizationTypes.TryParse(typeName, out var type))
            throw new UserFacingException($"--type '{typeName}' is not a quantization type: use one of {QuantizationTypes.AllowedNames}.");
        var target = output ?? Path.GetDirectoryName(Path.GetFullPath(source))!;
        var path = target.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, SiblingFileName(source, type));
        var result = await QuantizeRunner.QuantizeAsync(source, path, type, cancellationToken);
        Console.WriteLine(result.Path);
        return 0;
    }

    /// <summary>"synthetic-tiny-f16-s0.gguf" to q8_0 gives "synthetic-tiny-q8_0-s0.gguf"; other names get "-q8_0" appended.</summary>
    internal static string SiblingFileName(string source, QuantizationType type)
    {
        var stem = Path.GetFileNameWithoutExtension(source);
        foreach (var parentType in new[] { "-f16-", "-f32-", "-bf16-" })
        {
            var at = stem.LastIndexOf(parentType, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
                return $"{stem[..at]}-{type.Name}-{stem[(at + parentType.Length)..]}.gguf";
        }
        return $"{stem}-{type.Name}.gguf";
    }
}
