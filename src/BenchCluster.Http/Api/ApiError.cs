namespace BenchCluster.Http.Api;

/// <summary>Every error the API returns: what is wrong, which input (header, query parameter, body field), and what to do.</summary>
public sealed record ApiError(string Error, string? Field, string? Fix);
