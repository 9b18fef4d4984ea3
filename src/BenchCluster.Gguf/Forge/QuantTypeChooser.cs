using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Forge;

/// <summary>
/// Picks each tensor's type the way llama-quantize of the pinned llama.cpp does for our file types and architectures
/// (src/llama-quant.cpp, learned by reading, rewritten here): 1-D tensors stay F32; the output tensor (or the token
/// embedding when tied to it) gets Q6_K unless the mix is Q8_0 or its rows do not fit the default type's block
/// (then Q8_0); Q4_K_M gives Q6_K to attn_v and ffn_down of the "more bits" layers; a row length that is not a
/// multiple of the chosen type's block falls back (Q4_K→Q5_0, Q6_K→Q8_0, else F16).
/// </summary>
internal sealed class QuantTypeChooser(ForgeSpec spec)
{
    private int _attentionVSeen;
    private int _feedForwardDownSeen;

    public GgmlType Choose(TensorRole role, long[] dims)
    {
        if (dims.Length < 2)
            return GgmlType.F32;
        if (spec.WeightType == ForgeWeightType.F16)
            return GgmlType.F16;

        var defaultType = spec.WeightType switch
        {
            ForgeWeightType.Q8_0 => GgmlType.Q8_0,
            ForgeWeightType.Q4_0 => GgmlType.Q4_0,
            _ => GgmlType.Q4_K,
        };
        var type = defaultType;
        var rowLength = dims[0];
        var isOutput = role == TensorRole.Output || (spec.TiedEmbeddings && role == TensorRole.TokenEmbedding);
        if (isOutput)
        {
            if (rowLength % GgmlTypeInfo.Of(defaultType).BlockElements != 0)
                type = GgmlType.Q8_0;
            else if (defaultType != GgmlType.Q8_0)
                type = GgmlType.Q6_K;
        }
        else if (role == TensorRole.AttentionV)
        {
            if (spec.WeightType == ForgeWeightType.Q4_K_M && UseMoreBits(_attentionVSeen, spec.BlockCount))
                type = GgmlType.Q6_K;
            _attentionVSeen++;
        }
        else if (role == TensorRole.FeedForwardDown)
        {
            if (spec.WeightType == ForgeWeightType.Q4_K_M && UseMoreBits(_feedForwardDownSeen, spec.BlockCount))
                type = GgmlType.Q6_K;
            _feedForwardDownSeen++;
        }
        return Fallback(type, rowLength);
    }

    /// <summary>llama.cpp's choice of layers that get more bits: the first and last eighth, and every third in between.</summary>
    internal static bool UseMoreBits(int layer, int layerCount) =>
        layer < layerCount / 8 || layer >= 7 * layerCount / 8 || (layer - layerCount / 8) % 3 == 2;

    private static GgmlType Fallback(GgmlType type, long rowLength)
    {
        if (rowLength % GgmlTypeInfo.Of(type).BlockElements == 0)
            return type;
        var fallback = type switch
        {
            GgmlType.Q4_K => GgmlType.Q5_0,
            GgmlType.Q5_K => GgmlType.Q5_1,
            GgmlType.Q6_K => GgmlType.Q8_0,
            _ => type,
        };
        return rowLength % GgmlTypeInfo.Of(fallback).BlockElements == 0 ? fallback : GgmlType.F16;
    }
}
