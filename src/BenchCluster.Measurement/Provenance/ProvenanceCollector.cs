using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Provenance;

/// <summary>Assembles a job's <see cref="RunProvenance"/>.</summary>
public static class ProvenanceCollector
{
    public static RunProvenance Collect(
        JobSpec job,
        string? nodeName,
        ModelInfo? model = null,
        EngineBuildInfo? engine = null,
        CompletionBackendInfo? backend = null,
        SessionOptions? session = null) => new()
    {
        BenchClusterVersion = BuildVersion.Version,
        BenchClusterCommit = BuildVersion.Commit,
        NodeName = nodeName,
        Machine = MachineFacts.Current,
        Model = model,
        Engine = engine,
        Backend = backend,
        Session = session,
        Parameters = job.Parameters,
        Scenario = ScenarioKinds.Name(job.Scenario.Kind),
        Seed = job.Seed,
        StartedUtc = DateTimeOffset.UtcNow,
    };
}
