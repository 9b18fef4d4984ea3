using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// A quality job on a node compares against the reference file that node holds: the job carries that file's SHA-256
/// (the worker finds it in its own catalog). A node that lacks the reference does not get the job; the skip names
/// the reference, so the dry run says what to copy where.
/// </summary>
public static class QualityReferencePlacement
{
    /// <summary>The job with its reference resolved on <paramref name="node"/>, or the reason it is skipped there.</summary>
    public static (JobSpec? Job, string? Skip) Place(JobSpec job, IReadOnlyList<ModelSpec> models, WorkerNode node)
    {
        if (job.Reference is not { } reference)
            return (job, null);
        var model = QualityReferences.AsModel(reference, models);
        if (ModelMatcher.Find(model, node) is { } held)
            return (job with { Reference = reference with { Sha256 = held.Sha256 } }, null);
        return (null, $"{node.NodeName} does not hold {ModelMatcher.Describe(model)}, the reference of quality scenario {job.Scenario.Name} for {job.Model.Name}; " +
            "put the reference file into that worker's --models folder (or forge it) and restart the worker, or name another reference");
    }
}
