namespace BenchCluster.EngineProcess.Parent;

/// <summary>The engine child answered a request with an error (a bad model, an impossible setting); the child lives on.</summary>
public sealed class EngineRequestFailedException(string message) : Exception(message);
