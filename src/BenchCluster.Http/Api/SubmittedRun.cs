namespace BenchCluster.Http.Api;

/// <summary>The answer to an accepted submission.</summary>
public sealed record SubmittedRun(Guid RunId, int TotalJobs);
