namespace BenchCluster.Gguf.Forge;

/// <summary>The weight format of a forged model, named like llama.cpp's file types (the mix of per-tensor types follows llama-quantize).</summary>
public enum ForgeWeightType
{
    F16,
    Q8_0,
    Q4_0,
    Q4_K_M,
}
