namespace BenchCluster.Gguf.Siblings;

/// <summary>A target of <c>llama_model_quantize</c>: the name users type ("q4_k_m") and llama.h's <c>enum llama_ftype</c> number.</summary>
public sealed record QuantizationType(string Name, int FileType)
{
    /// <summary>True for the float targets (f32, f16, bf16) that can themselves be the parent of further siblings.</summary>
    public bool IsFloat => Name is "f32" or "f16" or "bf16";
}
