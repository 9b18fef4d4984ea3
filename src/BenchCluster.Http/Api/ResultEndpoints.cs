using BenchCluster.Http.Cluster;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>Results: one run's, or the latest of every point across runs; filtered and in the format asked for.</summary>
public static class ResultEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/runs/{id}/results", RunResultsAsync)
            .WithName("RunResults")
            .WithSummary("A run's results, one complete record per point. Filters: model, node, scenario, verdict, since; ?format=json|jsonl|csv|markdown.")
            .Produces<IReadOnlyList<ResultRecord>>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);
        api.MapGet("/results", LatestAsync)
            .WithName("LatestResults")
            .WithSummary("The newest result of every point across runs. Same filters and formats as a run's results.")
            .Produces<IReadOnlyList<ResultRecord>>();
    }

    private static async Task<IResult> RunResultsAsync(HttpContext context, IClusterBackend cluster, ResultResponse output, string id, string? format, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryRunId(id, out var runId, out var error))
            return error!;
        if (await cluster.GetRunAsync(runId, cancellationToken) is null)
            return ApiErrors.RunNotFound(runId);
        return await WriteAsync(context, output, format, token => cluster.GetResultsAsync(runId, token), cancellationToken);
    }

    private static Task<IResult> LatestAsync(HttpContext context, IClusterBackend cluster, ResultResponse output, string? format, CancellationToken cancellationToken) =>
        WriteAsync(context, output, format, cluster.GetLatestResultsAsync, cancellationToken);

    private static async Task<IResult> WriteAsync(HttpContext context, ResultResponse output, string? format,
        Func<CancellationToken, Task<IReadOnlyList<ResultView>>> read, CancellationToken cancellationToken)
    {
        if (!output.TryFormat(format, out var chosen, out var error) || !ResultListFilter.TryParse(context.Request.Query, out var filter, out error))
            return error!;
        // Quality is joined over every result before filtering, so ?scenario=tg128 still shows each file's KL-divergence.
        var views = await read(cancellationToken);
        var kept = views.Where(filter.Matches).Select(v => (v.RunId, v.PointKey, v.NodeName)).ToHashSet();
        var records = ResultRecordFactory.FromViews(views).Where(r => kept.Contains((r.RunId, r.PointKey, r.Node))).ToList();
        await output.WriteAsync(context.Response, records, chosen, cancellationToken);
        return Results.Empty;
    }
}
