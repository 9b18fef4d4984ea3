namespace BenchCluster.EngineProcess.Parent;

/// <summary>The engine child died or hung: the job fails with this reason; the silo lives on.</summary>
/// <param name="hung">True when the child was killed for not answering within the deadline, rather than dying by itself.</param>
public sealed class EngineCrashedException(string message, bool hung = false) : Exception(message)
{
    public bool Hung { get; } = hung;
}
