namespace BenchCluster.Gguf.Forge;

/// <summary>What a forged tensor is for: decides its type in a quantization mix and the values it is filled with.</summary>
internal enum TensorRole
{
    TokenEmbedding,
    Output,
    AttentionQ,
    AttentionK,
    AttentionV,
    AttentionOutput,
    FeedForwardGate,
    FeedForwardUp,
    FeedForwardDown,
    Norm,
    Bias,
    RopeFactors,
}
