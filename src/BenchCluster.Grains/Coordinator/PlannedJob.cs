using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// One job of a run: a matrix point's repetition pinned to a node (its slot in the matrix), with the model file
/// it uses there (null for remote endpoints).
/// </summary>
public sealed record PlannedJob(Guid JobId, JobSpec Spec, string NodeName, string? ModelSha256)
{
    private string? _specJson;

    /// <summary>The spec as the worker receives it, serialized once.</summary>
    public string SpecJson => _specJson ??= MeasurementJson.Serialize(Spec);

    public bool IsEndpoint => ModelSha256 is null;

    /// <summary>The result row a job contributes to: its point on its node, or a fleet point's one row for all its drivers.</summary>
    public (string PointId, string NodeName) ResultKey => (Spec.Point.Id, Spec.Fleet?.ResultNode ?? NodeName);
}
