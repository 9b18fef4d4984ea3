using Microsoft.AspNetCore.Http;

namespace BenchCluster.Http.Api;

/// <summary>Error responses as <see cref="ApiError"/> JSON with a status code.</summary>
public static class ApiErrors
{
    public static IResult Result(int status, ApiError error) => Results.Json(error, ApiJson.Options, statusCode: status);

    public static IResult BadRequest(string error, string? field, string? fix = null) => Result(StatusCodes.Status400BadRequest, new ApiError(error, field, fix));

    public static IResult NotFound(string error, string? field, string? fix = null) => Result(StatusCodes.Status404NotFound, new ApiError(error, field, fix));

    public static IResult RunNotFound(Guid runId) =>
        NotFound($"run {runId} does not exist", "id", "list the runs with GET /api/runs");
}
