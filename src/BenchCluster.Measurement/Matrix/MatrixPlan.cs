namespace BenchCluster.Measurement.Matrix;

/// <summary>The expanded matrix: every job, grouped by point, and the combinations left out.</summary>
public sealed record MatrixPlan
{
    public required IReadOnlyList<JobSpec> Jobs { get; init; }
    public required IReadOnlyList<PointKey> Points { get; init; }
    public required IReadOnlyList<SkippedCombination> Skipped { get; init; }

    public IEnumerable<IGrouping<string, JobSpec>> JobsByPoint() => Jobs.GroupBy(job => job.Point.Id);
}
