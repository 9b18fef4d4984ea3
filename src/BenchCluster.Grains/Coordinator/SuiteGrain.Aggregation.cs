using BenchCluster.Grains.Worker;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Validity;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator;

public sealed partial class SuiteGrain
{
    private readonly HashSet<(string PointId, string NodeName)> _aggregated = [];

    private async Task AggregateFinishedAsync()
    {
        foreach (var key in _jobs!.ResultKeys.ToList())
            await AggregateIfFinishedAsync(key);
    }

    /// <summary>
    /// When every repetition of a point on a node has finished, derives its result from the raw samples in Postgres
    /// (the succeeded attempt's only) and upserts it. Failed repetitions enter as errors, so the verdict names them.
    /// </summary>
    private async Task AggregateIfFinishedAsync((string PointId, string NodeName) key)
    {
        var jobs = _jobs!;
        if (_aggregated.Contains(key) || !jobs.IsFinished(key))
            return;
        _aggregated.Add(key);

        var members = jobs.JobsOf(key);
        var measurements = new List<JobMeasurement>();
        var ranOn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in members)
        {
            var row = await context.Database.Jobs.GetAsync(job.JobId);
            if (row is null || row.Status == JobState.Cancelled)
                continue;
            if (row.AssignedNode is not null && row.Status == JobState.Succeeded)
                ranOn.Add(row.AssignedNode);
            measurements.Add(await LoadMeasurementAsync(job, row));
        }
        if (measurements.Count == 0)
            return;

        var template = members[0].Spec;
        var node = _nodes.GetValueOrDefault(key.NodeName);
        var cost = CostInputs.Resolve(_suite!.Cost, node is null ? null : NodeDescriptions.From(node), template.Model);
        var result = ResultAggregator.Aggregate(template.Point, template, measurements, cost, key.NodeName);
        result = WithHardwareCheck(result, ranOn);
        var provenance = measurements.Select(m => m.Provenance).OfType<Measurement.Provenance.RunProvenance>().ToList();
        await context.Database.Results.UpsertAsync(ResultRowMapping.ToRow(_runId, result, key.NodeName, members[0].ModelSha256, provenance, ranOn));
        Record($"{template.Point.Label} on {key.NodeName}: {result.Verdict.Label}");
    }

    private async Task<JobMeasurement> LoadMeasurementAsync(PlannedJob job, JobRow row)
    {
        var envelope = row.MeasurementJson is null ? null : MeasurementJson.Deserialize<JobMeasurement>(row.MeasurementJson);
        var samples = row.Status == JobState.Succeeded
            ? (await context.Database.StoredSamples.ReadAsync(job.JobId, row.Attempt)).Select(SampleRowMapping.FromRow).ToList()
            : [];
        return (envelope ?? new JobMeasurement
        {
            PointId = job.Spec.Point.Id,
            Repetition = job.Spec.Repetition,
            Samples = [],
            MeasuredStartNs = 0,
            MeasuredEndNs = 0,
        }) with
        {
            Samples = samples,
            Error = row.Status == JobState.Failed ? row.LastError ?? envelope?.Error ?? "failed" : envelope?.Error,
        };
    }

    /// <summary>Repetitions moved to other nodes after a node was lost measure that node: mixing different hardware in one result is invalid.</summary>
    private PointResult WithHardwareCheck(PointResult result, IReadOnlyCollection<string> ranOn)
    {
        var hardware = ranOn.Select(n => _nodes.GetValueOrDefault(n)).OfType<Contracts.Nodes.WorkerNode>()
            .Select(n => $"{n.DeviceKind} {n.DeviceName} ×{n.Cores}").Distinct().ToList();
        if (hardware.Count <= 1)
            return result;
        var reasons = result.Verdict.Reasons.Append($"repetitions ran on different hardware ({string.Join("; ", hardware)}) after a node was lost").ToList();
        return result with { Verdict = Verdict.From(reasons, result.Verdict.Warnings) };
    }
}
