using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// A quality job on a node compares against the reference file that node holds: the job carries that file's SHA-256
/// (the worker finds it in its own catalog). A node that lacks the reference does not get the job; the skip names
/// the reference, so the dry run says what to copy where. A reference of another architecture than the model cannot
/// share its vocabulary's meaning token for token: that is the suite's mistake, an error that refuses the run.
/// </summary>
public static class QualityReferencePlacement
{
    /// <summary>The job with its reference resolved on <paramref name="node"/>, or why it is skipped there, or the suite's error.</summary>
    public static (JobSpec? Job, string? Skip, string? Error) Place(JobSpec job, IReadOnlyList<ModelSpec> models, WorkerNode node)
    {
        if (job.Reference is not { } reference)
            return (job, null, null);
        var model = QualityReferences.AsModel(reference, models);
        if (ModelMatcher.Find(model, node) is not { } held)
        {
            return (null, $"{node.NodeName} does not hold {ModelMatcher.Describe(model)}, the reference of quality scenario {job.Scenario.Name} for {job.Model.Name}; " +
                "put the reference file into that worker's --models folder (or forge it) and restart the worker, or name another reference", null);
        }
        if (ModelMatcher.Find(job.Model, node) is { Architecture: { Length: > 0 } architecture } measured
            && held.Architecture.Length > 0 && !string.Equals(architecture, held.Architecture, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, $"quality scenario {job.Scenario.Name}: the reference {ModelMatcher.Describe(model)} is a {held.Architecture} model on {node.NodeName}, " +
                $"but {job.Model.Name} ({measured.FileName}) is {architecture}; a reference must be the same model at another precision (same architecture and vocabulary): name its F16 sibling");
        }
        return (job with { Reference = reference with { Sha256 = held.Sha256 } }, null, null);
    }
}
