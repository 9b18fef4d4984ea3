using BenchCluster.Contracts.Runs;
using BenchCluster.Http.Auth;
using BenchCluster.Http.Cluster;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Reporting.Listings;
using BenchCluster.Storage.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace BenchCluster.Http.Api;

/// <summary>Runs: submit a suite, list runs, one run's progress.</summary>
public static class RunEndpoints
{
    public const int DefaultListLimit = 20;
    public const int MaxListLimit = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/runs", SubmitAsync)
            .WithName("SubmitRun")
            .WithSummary("Submit a suite (the request body is its YAML text; ?name=FILE.yaml, ?tag= repeatable); submitted_by is the caller's token name.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Described here rather than with Accepts(): that would refuse (415) curl's default form content type.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The suite's YAML text (docs/suite-format.md), at most 1 MiB; any content type.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/yaml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                return Task.CompletedTask;
            })
            .Produces<SubmittedRun>(StatusCodes.Status201Created)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/runs", ListAsync)
            .WithName("ListRuns")
            .WithSummary("The newest runs first, with their job counts by state; ?format=json (default) or csv.")
            .Produces<IReadOnlyList<RunProgressRow>>()
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        api.MapGet("/runs/{id}", GetAsync)
            .WithName("GetRun")
            .WithSummary("One run's progress: job counts by state, percent done, error.")
            .Produces<RunProgressRow>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IClusterBackend cluster, string? name, CancellationToken cancellationToken)
    {
        var sourceName = name ?? "suite.yaml";
        if (SuiteUpload.NameProblem(sourceName) is { } nameProblem)
            return nameProblem;
        var tags = context.Request.Query["tag"].Select(t => t ?? "").ToList();
        if (RunTags.Errors(tags) is { Count: > 0 } tagErrors)
            return ApiErrors.BadRequest(string.Join("; ", tagErrors), "tag", "pass ?tag=NAME once per tag, e.g. ?tag=main&tag=nightly");
        var (text, problem) = await SuiteUpload.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
            return problem;
        if (SuiteUpload.Check(text!, sourceName) is { } invalid)
            return invalid;
        var result = await cluster.SubmitAsync(text!, sourceName, ApiCaller.Of(context).Name, RunTags.Distinct(tags), cancellationToken);
        if (!result.Accepted)
            return ApiErrors.Result(StatusCodes.Status400BadRequest, new ApiError(
                string.Join("; ", result.Errors), "body", "the coordinator checked the suite against the live workers; fix the suite or start a worker that holds its models"));
        return Results.Json(new SubmittedRun(result.RunId, result.JobCount), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IClusterBackend cluster, string? limit, string? format, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryLimit(limit, DefaultListLimit, MaxListLimit, out var count, out var error))
            return error!;
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.IsNullOrEmpty(format) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            return ApiErrors.BadRequest($"format '{RouteValues.Shorten(format)}' is not available for runs", "format", "pass ?format=json or ?format=csv");
        var runs = await cluster.ListRunsAsync(count, cancellationToken);
        if (!csv)
            return Results.Json(runs, ApiJson.Options);
        context.Response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
        await RunListing.Exporter.WriteAsync(runs, OutputFormat.Csv, writer, cancellationToken: cancellationToken);
        return Results.Empty;
    }

    private static async Task<IResult> GetAsync(IClusterBackend cluster, string id, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryRunId(id, out var runId, out var error))
            return error!;
        var run = await cluster.GetRunAsync(runId, cancellationToken);
        return run is null ? ApiErrors.RunNotFound(runId) : Results.Json(run, ApiJson.Options);
    }
}
