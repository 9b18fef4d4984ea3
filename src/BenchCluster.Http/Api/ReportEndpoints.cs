using BenchCluster.Http.Cluster;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>GET /api/runs/{id}/report: the run's self-contained HTML report, as `benchcluster report` writes it.</summary>
public static class ReportEndpoints
{
    /// <summary>
    /// The report is served from the API's origin, where the session cookie lives: it may show its inline styles and
    /// data: images and nothing else, so a name that slipped past escaping could still not run a script here.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/runs/{id}/report", ReportAsync)
            .WithName("RunReport")
            .WithSummary("The run's report: one self-contained HTML page with tables, verdicts and plots (docs/reports.md); ?compare=BASE adds the comparison with run BASE.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces<ApiError>(StatusCodes.Status404NotFound);

    private static async Task<IResult> ReportAsync(HttpContext context, IClusterBackend cluster, string id, string? compare, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryRunId(id, out var runId, out var error))
            return error!;
        var input = await cluster.ReadReportInputAsync(runId, cancellationToken);
        if (input is null)
            return ApiErrors.RunNotFound(runId);
        if (!string.IsNullOrWhiteSpace(compare))
        {
            try
            {
                var baseRun = await cluster.ResolveRunAsync(compare, cancellationToken);
                var newRun = await cluster.ResolveRunAsync(runId.ToString(), cancellationToken);
                var baseRecords = ResultRecordFactory.FromViews(await cluster.GetResultsAsync(baseRun.RunId, cancellationToken));
                input = input with { Comparison = RunComparer.Compare(baseRun, baseRecords, newRun, input.Records) };
            }
            catch (RunReferenceException e)
            {
                return ApiErrors.NotFound(e.Message, "compare", "name the base run by id, a unique id prefix or a tag");
            }
        }
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(ReportBuilder.Html(input), "text/html; charset=utf-8");
    }
}
