using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Measurement.Planning;

/// <summary>
/// What a suite would run, computed without running it (run/submit --dry-run): jobs per model × node × scenario, the
/// combinations left out and why, the problems that would refuse the run, the job count, and a time estimate.
/// </summary>
public sealed record RunPreview
{
    public required string Suite { get; init; }
    public required IReadOnlyList<PlanRow> Rows { get; init; }
    public required IReadOnlyList<SkippedCombination> Skipped { get; init; }
    /// <summary>What a real run would be refused for (the same messages); empty when the suite would run.</summary>
    public required IReadOnlyList<string> Problems { get; init; }
    public int TotalJobs => Rows.Sum(r => r.Jobs);
    public int MeasuredJobs => Rows.Sum(r => r.MeasuredJobs);
    public int GuessedJobs => TotalJobs - MeasuredJobs;
    /// <summary>The jobs' durations added up: the machine time the run takes.</summary>
    public double MachineSeconds => Rows.Sum(r => r.EstimatedSeconds);
    /// <summary>The busiest node's share: nodes run their jobs in parallel, one at a time each.</summary>
    public double WallSeconds => Rows.GroupBy(r => r.Node, StringComparer.Ordinal).Select(g => g.Sum(r => r.EstimatedSeconds)).DefaultIfEmpty(0).Max();
    public bool Runnable => Problems.Count == 0 && TotalJobs > 0;
}
