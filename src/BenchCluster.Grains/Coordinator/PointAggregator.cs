using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Worker;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;
using BenchCluster.Storage;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Resilience;
using BenchCluster.Storage.Samples;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Turns a finished point (every repetition on a node done) into its result: derived from the raw samples in Postgres
/// (each job's final attempt only) and upserted, so computing it twice gives the same row. Failed repetitions enter
/// as errors, so the verdict names them. A fleet point is one result over all its drivers' jobs.
/// </summary>
public sealed class PointAggregator(
    Guid runId, SuiteDefinition suite, IReadOnlyDictionary<string, WorkerNode> nodes, RunJobs jobs, BenchClusterDatabase database, PostgresRetry retry)
{
    private readonly HashSet<(string PointId, string NodeName)> _aggregated = [];

    /// <summary>Aggregates every finished point not aggregated yet (on resume: points finished before a restart).</summary>
    public async Task AggregateFinishedAsync(Action<string> record, CancellationToken cancellationToken)
    {
        foreach (var key in jobs.ResultKeys.ToList())
            await AggregateIfFinishedAsync(key, record, cancellationToken);
    }

    public async Task AggregateIfFinishedAsync((string PointId, string NodeName) key, Action<string> record, CancellationToken cancellationToken)
    {
        if (_aggregated.Contains(key) || !jobs.IsFinished(key))
            return;
        var members = jobs.JobsOf(key);
        var template = members[0].Spec;
        var rows = (await ListRowsAsync(key, members, cancellationToken)).Where(r => r.Status is JobState.Succeeded or JobState.Failed).ToList();
        if (rows.Count == 0)
            return;
        var succeeded = rows.Where(r => r.Status == JobState.Succeeded).Select(r => (r.JobId, r.Attempt)).ToList();
        var samples = await retry.ExecuteAsync(token => database.StoredSamples.ReadAsync(succeeded, token), cancellationToken);
        var measurements = rows.Select(row => ToMeasurement(row, template.Point.Id, samples)).ToList();
        var ranOn = rows.Where(r => r.Status == JobState.Succeeded && r.AssignedNode is not null).Select(r => r.AssignedNode!).ToHashSet(StringComparer.Ordinal);

        var node = nodes.GetValueOrDefault(key.NodeName);
        var cost = CostInputs.Resolve(suite.Cost, node is null ? null : NodeDescriptions.From(node), template.Model);
        var result = template.Fleet is { } fleet
            ? FleetResult(template, measurements, fleet.Drivers, cost, key.NodeName)
            : WithHardwareCheck(ResultAggregator.Aggregate(template.Point, template, measurements, cost, key.NodeName), ranOn);
        var provenance = measurements.Select(m => m.Provenance).OfType<RunProvenance>().ToList();
        var row = ResultRowMapping.ToRow(runId, result, key.NodeName, members[0].ModelSha256, provenance, ranOn);
        await retry.ExecuteAsync(token => database.Results.UpsertAsync(row, token), cancellationToken);
        _aggregated.Add(key);
        record($"{template.Point.Label} on {key.NodeName}: {result.Verdict.Label}");
    }

    /// <summary>The stored jobs of a result: a point's repetitions on a node, or every driver job of a fleet point.</summary>
    private async Task<IReadOnlyList<JobRow>> ListRowsAsync((string PointId, string NodeName) key, IReadOnlyList<PlannedJob> members, CancellationToken cancellationToken)
    {
        if (members[0].Spec.Fleet is null)
            return await retry.ExecuteAsync(token => database.Jobs.ListAsync(runId, key.PointId, key.NodeName, token), cancellationToken);
        var ids = members.Select(m => m.JobId).ToHashSet();
        var rows = new List<JobRow>();
        foreach (var driver in members.Select(m => m.NodeName).Distinct(StringComparer.Ordinal))
            rows.AddRange((await retry.ExecuteAsync(token => database.Jobs.ListAsync(runId, key.PointId, driver, token), cancellationToken)).Where(r => ids.Contains(r.JobId)));
        return rows;
    }

    /// <summary>
    /// A fleet point: each repetition's drivers joined into one measurement (<see cref="FleetMerge"/>), so percentiles
    /// come from all their raw samples together. The drivers ran on different nodes by design: no hardware check.
    /// </summary>
    private static PointResult FleetResult(JobSpec template, IReadOnlyList<JobMeasurement> drivers, int driverCount, CostInputs cost, string resultNode)
    {
        var merged = FleetMerge.PerRepetition(drivers, driverCount);
        return ResultAggregator.Aggregate(template.Point, template, merged, cost, resultNode) with
        {
            Fleet = FleetSummaryBuilder.Build(template, drivers, merged),
        };
    }

    /// <summary>A job's measurement rebuilt from Postgres: its stored envelope and the samples of its final attempt.</summary>
    private static JobMeasurement ToMeasurement(JobRow row, string pointId, IReadOnlyDictionary<Guid, IReadOnlyList<SampleRow>> samples)
    {
        var envelope = row.MeasurementJson is null ? null : MeasurementJson.Deserialize<JobMeasurement>(row.MeasurementJson);
        return (envelope ?? new JobMeasurement
        {
            PointId = pointId,
            Repetition = row.Repetition,
            Samples = [],
            MeasuredStartNs = 0,
            MeasuredEndNs = 0,
        }) with
        {
            Samples = samples.GetValueOrDefault(row.JobId)?.Select(SampleRowMapping.FromRow).ToList() ?? [],
            Error = row.Status == JobState.Failed ? row.LastError ?? envelope?.Error ?? "failed" : envelope?.Error,
        };
    }

    /// <summary>Repetitions moved to other nodes after a node was lost measure that node: mixing different hardware in one result is invalid.</summary>
    private PointResult WithHardwareCheck(PointResult result, IReadOnlyCollection<string> ranOn)
    {
        var hardware = ranOn.Select(n => nodes.GetValueOrDefault(n)).OfType<WorkerNode>()
            .Select(n => $"{n.DeviceKind} {n.DeviceName} ×{n.Cores}").Distinct().ToList();
        if (hardware.Count <= 1)
            return result;
        var reasons = result.Verdict.Reasons.Append($"repetitions ran on different hardware ({string.Join("; ", hardware)}) after a node was lost").ToList();
        return result with { Verdict = Verdict.From(reasons, result.Verdict.Warnings) };
    }
}
