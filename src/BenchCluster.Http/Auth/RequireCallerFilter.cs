using BenchCluster.Http.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BenchCluster.Http.Auth;

/// <summary>Refuses (401) a request without a valid token or session; otherwise records its caller for the endpoint.</summary>
public sealed class RequireCallerFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = ApiCaller.Resolve(http, http.RequestServices.GetRequiredService<ApiTokens>(), http.RequestServices.GetRequiredService<SessionStore>());
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, new ApiError(
                http.Request.Headers.Authorization.Count > 0 ? "the bearer token is not one this server issued" : "authentication required",
                "Authorization",
                "send 'Authorization: Bearer TOKEN' (make one with 'benchcluster api-token add NAME'), or POST /api/session with {\"token\": \"...\"} in a browser"));
        }
        http.Items[typeof(ApiCaller)] = caller;
        return await next(context);
    }
}
