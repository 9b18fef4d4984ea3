using BenchCluster.Gguf.Writing;

namespace BenchCluster.Gguf.Forge;

/// <summary>One tensor of a forge plan: its GGUF entry, its role, its layer (-1 outside blocks) and fixed values if it has any.</summary>
internal sealed record ForgeTensor(GgufTensorSpec Tensor, TensorRole Role, int Layer, float[]? FixedValues = null);
