namespace BenchCluster.Engine.Quantization;

/// <summary>A quantization that was refused or failed; the message names the file, the problem and what to do.</summary>
public sealed class QuantizationException(string message, Exception? inner = null) : Exception(message, inner);
