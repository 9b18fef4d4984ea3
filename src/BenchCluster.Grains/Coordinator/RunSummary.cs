using BenchCluster.Storage.Jobs;

namespace BenchCluster.Grains.Coordinator;

/// <summary>How a finished run is described: its error field (what failed, which points have no result and why) and its last event line.</summary>
internal sealed record RunSummary(string? Error, string Line)
{
    /// <summary>Most missing points named one by one in the run's error; the rest are counted.</summary>
    private const int MissingPointsNamed = 10;

    public static RunSummary Describe(Guid runId, RunJobs jobs, IReadOnlyList<string> missingPoints)
    {
        var failed = jobs.Count(JobState.Failed);
        var parts = new List<string>();
        if (failed > 0)
            parts.Add($"{failed} of {jobs.Total} jobs failed; see 'benchcluster status {runId}'");
        if (missingPoints.Count > 0)
        {
            var named = string.Join("; ", missingPoints.Take(MissingPointsNamed));
            var more = missingPoints.Count > MissingPointsNamed ? $"; and {missingPoints.Count - MissingPointsNamed} more" : "";
            parts.Add($"{missingPoints.Count} point(s) have no result: {named}{more}");
        }
        var line = $"run {runId} completed: {jobs.Count(JobState.Succeeded)} jobs succeeded, {failed} failed" +
                   (missingPoints.Count > 0 ? $", {missingPoints.Count} point(s) without a result" : "");
        return new RunSummary(parts.Count == 0 ? null : string.Join(". ", parts), line);
    }
}
