using System.Globalization;
using BenchCluster.Http.Cluster;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Comparing.Writing;
using BenchCluster.Reporting.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>GET /api/compare: NEW against BASE point by point, as `benchcluster compare` does (docs/compare.md).</summary>
public static class CompareEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/compare", CompareAsync)
            .WithName("CompareRuns")
            .WithSummary("Compare run 'new' against run 'base' (ids, id prefixes or tags); ?threshold=5 (percent), ?alpha=0.05, ?format=json|markdown.")
            .Produces<ComparisonReport>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

    private static async Task<IResult> CompareAsync(HttpContext context, IClusterBackend cluster, string? @base, string? @new,
        string? threshold, string? alpha, string? format, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(@base) || string.IsNullOrWhiteSpace(@new))
            return ApiErrors.BadRequest("both runs are needed", string.IsNullOrWhiteSpace(@base) ? "base" : "new", "pass ?base=RUN&new=RUN (a run id, a unique id prefix or a tag)");
        var writeAs = format?.ToLowerInvariant() switch
        {
            null or "" or "json" => ComparisonFormat.Json,
            "markdown" or "md" => ComparisonFormat.Markdown,
            _ => (ComparisonFormat?)null,
        };
        if (writeAs is null)
            return ApiErrors.BadRequest($"format '{RouteValues.Shorten(format!)}' is not known here", "format", "pass ?format=json (default) or ?format=markdown");
        if (!TryOptions(threshold, alpha, out var options, out var error))
            return error!;
        ComparedRun baseRun, newRun;
        try
        {
            baseRun = await cluster.ResolveRunAsync(@base, cancellationToken);
            newRun = await cluster.ResolveRunAsync(@new, cancellationToken);
        }
        catch (RunReferenceException e)
        {
            return ApiErrors.NotFound(e.Message, "base/new", "name runs by id, a unique id prefix (4+ hex digits) or a tag; GET /api/runs lists them");
        }
        var baseRecords = ResultRecordFactory.FromViews(await cluster.GetResultsAsync(baseRun.RunId, cancellationToken));
        var newRecords = ResultRecordFactory.FromViews(await cluster.GetResultsAsync(newRun.RunId, cancellationToken));
        var report = RunComparer.Compare(baseRun, baseRecords, newRun, newRecords, options);
        if (writeAs == ComparisonFormat.Json)
            return Results.Json(report, ApiJson.Options);
        context.Response.ContentType = "text/markdown; charset=utf-8";
        await using var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
        await ComparisonWriter.WriteAsync(report, ComparisonFormat.Markdown, writer, cancellationToken);
        return Results.Empty;
    }

    private static bool TryOptions(string? threshold, string? alpha, out ComparisonOptions options, out IResult? error)
    {
        options = ComparisonOptions.Default;
        error = null;
        double percent = 5, level = 0.05;
        if (!string.IsNullOrEmpty(threshold) && !double.TryParse(threshold.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out percent))
            percent = double.NaN;
        if (!string.IsNullOrEmpty(alpha) && !double.TryParse(alpha, NumberStyles.Float, CultureInfo.InvariantCulture, out level))
            level = double.NaN;
        try
        {
            options = new ComparisonOptions { Threshold = percent / 100, Alpha = level }.Validated();
            return true;
        }
        catch (ArgumentOutOfRangeException e)
        {
            var field = e.ParamName == nameof(ComparisonOptions.Alpha) ? "alpha" : "threshold";
            error = ApiErrors.BadRequest($"{field} '{RouteValues.Shorten((field == "alpha" ? alpha : threshold) ?? "")}' is out of range", field,
                field == "alpha" ? "pass ?alpha= a level in (0, 0.5), e.g. 0.05" : "pass ?threshold= a percentage from 0 to under 100, e.g. 5");
            return false;
        }
    }
}
