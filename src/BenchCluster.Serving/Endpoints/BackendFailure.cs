using BenchCluster.Engine.Completions;
using Microsoft.AspNetCore.Http;

namespace BenchCluster.Serving.Endpoints;

/// <summary>The HTTP status and OpenAI error type that answer a backend's <see cref="CompletionException"/>.</summary>
internal static class BackendFailure
{
    public static (int StatusCode, string Type) Classify(CompletionException e) => e.Kind switch
    {
        CompletionFailureKind.ClientError => (e.StatusCode is >= 400 and < 500 ? e.StatusCode.Value : StatusCodes.Status400BadRequest, "invalid_request_error"),
        CompletionFailureKind.Timeout => (StatusCodes.Status504GatewayTimeout, "timeout"),
        CompletionFailureKind.ServerError or CompletionFailureKind.MalformedResponse =>
            (e.StatusCode is >= 500 and < 600 ? e.StatusCode.Value : StatusCodes.Status502BadGateway, "server_error"),
        _ => (StatusCodes.Status500InternalServerError, "server_error"),
    };
}
