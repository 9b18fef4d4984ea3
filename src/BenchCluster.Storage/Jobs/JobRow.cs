namespace BenchCluster.Storage.Jobs;

/// <summary>
/// One row of jobs: one repetition of one matrix point, pinned to <see cref="NodeName"/> when the point was expanded
/// per node (null: any eligible node). Identity: (RunId, PointKey, NodeName, Repetition). The fields after
/// <see cref="Scenario"/> are maintained by the database and <see cref="JobStore"/>; they are ignored on insert.
/// </summary>
public sealed record JobRow
{
    public required Guid JobId { get; init; }
    public required Guid RunId { get; init; }
    public required string PointKey { get; init; }
    public string? NodeName { get; init; }
    public required int Repetition { get; init; }
    /// <summary>The measurement layer's JobSpec as JSON.</summary>
    public required string SpecJson { get; init; }
    public required string ModelRef { get; init; }
    public required string Scenario { get; init; }

    public JobState Status { get; init; } = JobState.Pending;
    /// <summary>The current attempt: 0 before the first dispatch, incremented by each one.</summary>
    public int Attempt { get; init; }
    /// <summary>The node running (or that last ran) the current attempt.</summary>
    public string? AssignedNode { get; init; }
    public string? LastError { get; init; }
    /// <summary>The finished attempt's JobMeasurement without samples, as JSON; null until an attempt finishes with one.</summary>
    public string? MeasurementJson { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}
