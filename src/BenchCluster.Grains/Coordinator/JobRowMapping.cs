using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator;

/// <summary>A planned job as a jobs row and back (on resume).</summary>
internal static class JobRowMapping
{
    /// <summary>model_ref of a job against a remote endpoint, which has no model file.</summary>
    private const string EndpointModelRef = "endpoint";

    public static JobRow ToRow(Guid runId, PlannedJob job) => new()
    {
        JobId = job.JobId,
        RunId = runId,
        PointKey = job.Spec.Point.Id,
        NodeName = job.NodeName,
        Repetition = job.Spec.Repetition,
        SpecJson = job.SpecJson,
        ModelRef = job.ModelSha256 ?? EndpointModelRef,
        Scenario = job.Spec.Scenario.Name,
    };

    public static PlannedJob FromRow(JobRow row) => new(
        row.JobId,
        MeasurementJson.Deserialize<JobSpec>(row.SpecJson),
        row.NodeName ?? throw new InvalidOperationException($"job {row.JobId} has no node"),
        row.ModelRef == EndpointModelRef ? null : row.ModelRef);
}
