namespace BenchCluster.Engine.Quantization;

/// <summary>How far a quantization is: tensors written of the model's total (llama.cpp reports per tensor).</summary>
public sealed record QuantizationProgress(int TensorsDone, int TensorCount);
