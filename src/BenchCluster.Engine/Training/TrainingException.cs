namespace BenchCluster.Engine.Training;

/// <summary>Training refused or failed; the message names the input, the problem and what to do.</summary>
public sealed class TrainingException(string message, Exception? inner = null) : Exception(message, inner);
