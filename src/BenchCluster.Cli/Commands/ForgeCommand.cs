using System.CommandLine;
using BenchCluster.Cli.Output;
using BenchCluster.Gguf.Forge;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster forge`: writes a synthetic GGUF model with the exact shape of a real one and random weights.</summary>
internal static class ForgeCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = $"Shape of a real model: {string.Join(", ", ForgePresets.Names)}.", DefaultValueFactory = _ => ForgePresets.Tiny };
        var type = new Option<string>("--type") { Description = $"Weight type: {ForgeWeightTypes.AllowedNames} (q4_k_m mixes types per tensor as llama-quantize does).", DefaultValueFactory = _ => "f16" };
        var output = new Option<string>("--output", "-o") { Description = "Folder (the file gets a descriptive name) or .gguf file path.", DefaultValueFactory = _ => "models" };
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
            """)
        {
            preset, type, output, seed, layers, embedding, feedForward, heads, kvHeads, context,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
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
            var target = parse.GetValue(output)!;
            var path = target.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, ModelForge.DefaultFileName(spec));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var result = await ForgeRunner.ForgeAsync(spec, path, cancellationToken);
            Console.WriteLine(result.Path);
            return 0;
        });
        return command;
    }
}
