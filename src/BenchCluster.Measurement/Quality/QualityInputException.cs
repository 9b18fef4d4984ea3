namespace BenchCluster.Measurement.Quality;

/// <summary>
/// A quality job's input cannot be used (corpus too short, reference with another vocabulary, cache over its bound):
/// the message names the file, the problem and the fix, and is raised before any scoring compute is spent.
/// </summary>
public sealed class QualityInputException(string message) : Exception(message);
