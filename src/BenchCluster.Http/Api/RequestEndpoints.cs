using System.Text.Json;
using BenchCluster.Http.Cluster;
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
            .WithSummary("One JSON line per measured request of the run's current attempts; ?limit= (default 100,000), ?warmup=true adds warm-up requests.")
            .Produces<RequestRow>(StatusCodes.Status200OK, "application/x-ndjson")
            .Produces<ApiError>(StatusCodes.Status404NotFound);

    private static async Task<IResult> StreamAsync(HttpContext context, IClusterBackend cluster, string id, string? limit, bool? warmup, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryRunId(id, out var runId, out var error) || !RouteValues.TryLimit(limit, DefaultLimit, RequestQueries.DefaultLimit, out var count, out error))
            return error!;
        if (await cluster.GetRunAsync(runId, cancellationToken) is null)
            return ApiErrors.RunNotFound(runId);
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        await foreach (var row in cluster.ReadRequestsAsync(runId, warmup ?? false, count, cancellationToken))
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, row, ApiJson.Options, cancellationToken);
            await context.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        return Results.Empty;
    }
}
