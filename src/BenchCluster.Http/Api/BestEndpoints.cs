using BenchCluster.Http.Cluster;
using BenchCluster.Reporting.Comparing.Writing;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Selecting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>GET /api/runs/{id}/best: the best VALID configuration under an SLO, per scenario, as `benchcluster best` finds it.</summary>
public static class BestEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/runs/{id}/best", BestAsync)
            .WithName("BestConfiguration")
            .WithSummary("Per scenario: the Pareto frontier over cost × throughput × latency and the best VALID row meeting the SLO. ?objective=cost|throughput|latency|quality, ?slo=ttft_ms=500,tpot_ms=50[,percentile=p90], ?max_kld=0.05, ?max_ppl_delta=0.5, ?min_top1=0.9 (a row without quality measured never passes), ?format=json|markdown.")
            .Produces<BestReport>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

    private static async Task<IResult> BestAsync(HttpContext context, IClusterBackend cluster, string id, string? objective, string? slo, string? format,
        [FromQuery(Name = "max_kld")] string? maxKld, [FromQuery(Name = "max_ppl_delta")] string? maxPplDelta, [FromQuery(Name = "min_top1")] string? minTop1,
        CancellationToken cancellationToken)
    {
        if (!RouteValues.TryRunId(id, out var runId, out var error))
            return error!;
        var goal = BestObjective.Cost;
        if (!string.IsNullOrEmpty(objective) && (objective.Any(char.IsDigit) || !Enum.TryParse(objective, ignoreCase: true, out goal)))
            return ApiErrors.BadRequest($"objective '{RouteValues.Shorten(objective)}' is not known", "objective", "pass ?objective=cost (default), throughput, latency or quality");
        SloBounds bounds;
        try
        {
            bounds = SloBounds.Parse(slo);
        }
        catch (FormatException e)
        {
            return ApiErrors.BadRequest(e.Message, "slo", "pass ?slo=ttft_ms=500,tpot_ms=50 (milliseconds; optional percentile=p50|p90|p99)");
        }
        if (!QualityQuery.TryParse(maxKld, maxPplDelta, minTop1, out var quality, out var qualityError))
            return qualityError!;
        var markdown = format?.ToLowerInvariant() switch
        {
            null or "" or "json" => false,
            "markdown" or "md" => true,
            _ => (bool?)null,
        };
        if (markdown is null)
            return ApiErrors.BadRequest($"format '{RouteValues.Shorten(format!)}' is not known here", "format", "pass ?format=json (default) or ?format=markdown");
        if (await cluster.GetRunAsync(runId, cancellationToken) is null)
            return ApiErrors.RunNotFound(runId);
        var records = ResultRecordFactory.FromViews(await cluster.GetResultsAsync(runId, cancellationToken));
        var report = BestConfigurationSelector.Select(runId, records, goal, bounds, quality);
        if (markdown == false)
            return Results.Json(report, ApiJson.Options);
        context.Response.ContentType = "text/markdown; charset=utf-8";
        await using var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
        await BestWriter.WriteAsync(report, ComparisonFormat.Markdown, writer, cancellationToken);
        return Results.Empty;
    }
}
