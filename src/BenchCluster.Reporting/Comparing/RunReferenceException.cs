namespace BenchCluster.Reporting.Comparing;

/// <summary>A run reference (id, id prefix or tag) that names no run, or more than one; the message says which and what to do.</summary>
public sealed class RunReferenceException(string message) : Exception(message);
