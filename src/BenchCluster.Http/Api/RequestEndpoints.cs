using System.Text.Json;
using BenchCluster.Http.Cluster;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Storage.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>Per-request rows of a run as JSON Lines, streamed from Postgres as they are read (a run can hold millions).</summary>
public static class RequestEndpoints
{
    public const int DefaultLimit = 100_000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/runs/{id}/requests", StreamAsync)
            .WithName("RunRequests")
            .WithSummary("One row per measured request of the run's current attempts: JSON Lines (default) or ?format=csv; ?limit= (default 100,000), ?warmup=true adds warm-up requests.")
            .Produces<RequestRow>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv")
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

    private static async Task<IResult> StreamAsync(
        HttpContext context, IClusterBackend cluster, string id, string? limit, bool? warmup, string? format, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryRunId(id, out var runId, out var error) || !RouteValues.TryLimit(limit, DefaultLimit, RequestQueries.DefaultLimit, out var count, out error))
            return error!;
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.IsNullOrEmpty(format) && !string.Equals(format, "jsonl", StringComparison.OrdinalIgnoreCase))
            return ApiErrors.BadRequest($"format '{RouteValues.Shorten(format)}' is not available for request rows", "format", "pass ?format=jsonl or ?format=csv");
        if (await cluster.GetRunAsync(runId, cancellationToken) is null)
            return ApiErrors.RunNotFound(runId);
        if (csv)
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
            await RequestExporter.WriteAsync(cluster.ReadRequestsAsync(runId, warmup ?? false, count, cancellationToken), OutputFormat.Csv, writer, cancellationToken);
            return Results.Empty;
        }
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        await foreach (var row in cluster.ReadRequestsAsync(runId, warmup ?? false, count, cancellationToken))
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, row, ApiJson.Options, cancellationToken);
            await context.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        return Results.Empty;
    }
}
