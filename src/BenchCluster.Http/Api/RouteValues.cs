using System.Globalization;

namespace BenchCluster.Http.Api;

/// <summary>Parses path and query values from outside; every failure names the parameter and what it takes.</summary>
public static class RouteValues
{
    public static bool TryRunId(string text, out Guid runId, out Microsoft.AspNetCore.Http.IResult? error)
    {
        error = null;
        if (text.Length <= 64 && Guid.TryParse(text, out runId))
            return true;
        runId = Guid.Empty;
        error = ApiErrors.BadRequest($"'{Shorten(text)}' is not a run id", "id", "a run id is a GUID such as 3f2b8c1e-7a4d-4e59-9c0b-1d2e3f4a5b6c; GET /api/runs lists them");
        return false;
    }

    /// <summary>The <c>limit</c> query value within 1..<paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public static bool TryLimit(string? text, int fallback, int max, out int limit, out Microsoft.AspNetCore.Http.IResult? error)
    {
        error = null;
        limit = fallback;
        if (string.IsNullOrEmpty(text))
            return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max)
            return true;
        error = ApiErrors.BadRequest($"limit '{Shorten(text)}' is not a whole number from 1 to {max:N0}", "limit", $"pass ?limit=N with 1 <= N <= {max}");
        return false;
    }

    public static bool TrySince(string? text, out DateTimeOffset? since, out Microsoft.AspNetCore.Http.IResult? error)
    {
        error = null;
        since = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (text.Length <= 40 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            since = value;
            return true;
        }
        error = ApiErrors.BadRequest($"since '{Shorten(text)}' is not a date or time", "since", "pass an ISO 8601 time such as 2026-12-01 or 2026-12-01T08:00:00Z");
        return false;
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
