using BenchCluster.Http.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Http.Hosting;

/// <summary>The answer to an unhandled exception: a short JSON error, never a stack trace; the details go to the log.</summary>
public static class ApiFailure
{
    public static async Task WriteAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, error) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, new ApiError($"the request was refused: {bad.Message}", null, "check the request's size and headers")),
            TimeoutException => (StatusCodes.Status504GatewayTimeout, new ApiError("the cluster did not answer in time", null, "try again; if it persists, check the coordinator's log")),
            _ => (StatusCodes.Status500InternalServerError, new ApiError("the server failed to answer this request", null, "the coordinator's log has the details")),
        };
        if (status >= 500)
            context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(ApiFailure).FullName!)
                .LogError(exception, "HTTP {Method} {Path} failed", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(error, ApiJson.Options);
    }
}
