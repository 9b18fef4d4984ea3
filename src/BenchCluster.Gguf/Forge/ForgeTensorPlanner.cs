using BenchCluster.Gguf.Writing;

namespace BenchCluster.Gguf.Forge;

/// <summary>
/// Lists a model's tensors with their GGUF names, shapes and types. The order is the one llama.cpp's loader sorts
/// tensors into (and llama-quantize writes): tensors outside blocks by name, then each block's tensors by name; the
/// Q4_K_M mix counts attn_v and ffn_down tensors in that order.
/// </summary>
internal static class ForgeTensorPlanner
{
    public static IReadOnlyList<ForgeTensor> Plan(ForgeSpec spec)
    {
        var n = spec.EmbeddingLength;
        var kv = spec.HeadCountKv * spec.HeadDimension;
        var chooser = new QuantTypeChooser(spec);
        var plan = new List<ForgeTensor>();

        void Add(string name, TensorRole role, int layer, long[] dims, float[]? values = null) =>
            plan.Add(new ForgeTensor(new GgufTensorSpec(name, chooser.Choose(role, dims), dims), role, layer, values));

        var globals = new List<(string Name, TensorRole Role, long[] Dims, float[]? Values)>
        {
            ("output_norm.weight", TensorRole.Norm, [n], null),
            ("token_embd.weight", TensorRole.TokenEmbedding, [n, spec.VocabSize], null),
        };
        if (!spec.TiedEmbeddings)
            globals.Add(("output.weight", TensorRole.Output, [n, spec.VocabSize], null));
        if (spec.RopeScaling is { } scaling)
            globals.Add(("rope_freqs.weight", TensorRole.RopeFactors, [spec.HeadDimension / 2],
                Llama3RopeFactors.Compute(scaling, spec.HeadDimension, spec.RopeFreqBase)));
        foreach (var (name, role, dims, values) in globals.OrderBy(g => g.Name, StringComparer.Ordinal))
            Add(name, role, -1, dims, values);

        for (var layer = 0; layer < spec.BlockCount; layer++)
        {
            var block = new List<(string Name, TensorRole Role, long[] Dims)>
            {
                ("attn_norm.weight", TensorRole.Norm, [n]),
                ("attn_q.weight", TensorRole.AttentionQ, [n, n]),
                ("attn_k.weight", TensorRole.AttentionK, [n, kv]),
                ("attn_v.weight", TensorRole.AttentionV, [n, kv]),
                ("attn_output.weight", TensorRole.AttentionOutput, [n, n]),
                ("ffn_norm.weight", TensorRole.Norm, [n]),
                ("ffn_gate.weight", TensorRole.FeedForwardGate, [n, spec.FeedForwardLength]),
                ("ffn_up.weight", TensorRole.FeedForwardUp, [n, spec.FeedForwardLength]),
                ("ffn_down.weight", TensorRole.FeedForwardDown, [spec.FeedForwardLength, n]),
            };
            if (spec.AttentionBias)
            {
                block.Add(("attn_q.bias", TensorRole.Bias, [n]));
                block.Add(("attn_k.bias", TensorRole.Bias, [kv]));
                block.Add(("attn_v.bias", TensorRole.Bias, [kv]));
            }
            foreach (var (name, role, dims) in block.OrderBy(b => b.Name, StringComparer.Ordinal))
                Add($"blk.{layer}.{name}", role, layer, dims);
        }
        return plan;
    }
}
