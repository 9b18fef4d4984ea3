using BenchCluster.Serving.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BenchCluster.Serving.Security;

/// <summary>
/// Answers 401 to any /v1 request without the server's key, before its body is read or it takes a place in the queue.
/// GET /health stays open, so load balancers and supervisors can probe without the key.
/// </summary>
internal sealed class ApiKeyCheck(ServerApiKey key)
{
    private static readonly PathString ApiPrefix = new("/v1");

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var token = ServerApiKey.BearerToken(context.Request.Headers.Authorization);
        if (!context.Request.Path.StartsWithSegments(ApiPrefix) || (token is not null && key.Matches(token)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var message = token is null
            ? "This server needs an API key: send it as \"Authorization: Bearer KEY\" (OpenAI clients: api_key)."
            : "The API key is not this server's: send the key the server was started with (--api-key-file or --api-key-env).";
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        // Nothing of the request is read: a client without the key gets no further than this answer.
        context.Response.Headers.Connection = "close";
        await JsonResponses.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_request_error", message, null).ConfigureAwait(false);
    }
}
