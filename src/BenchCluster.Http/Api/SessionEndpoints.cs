using System.Text.Json;
using BenchCluster.Http.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>
/// Browser sessions: EventSource and page loads cannot send an Authorization header, so a browser trades its token
/// once for an HttpOnly, SameSite=Strict cookie holding a random session id (never the token).
/// </summary>
public static class SessionEndpoints
{
    private const int MaxBodyBytes = 4096;

    /// <summary>Maps the endpoints that need no credentials: signing in and out.</summary>
    public static void MapPublic(RouteGroupBuilder api)
    {
        api.MapPost("/session", SignInAsync)
            .WithName("SignIn")
            .WithSummary("Trade a token ({\"token\": \"...\"}) for a session cookie; answers {name}.")
            .Accepts<SessionRequest>("application/json")
            .Produces<SessionInfo>()
            .Produces<ApiError>(StatusCodes.Status401Unauthorized);
        api.MapDelete("/session", SignOut)
            .WithName("SignOut")
            .WithSummary("End the session of the cookie sent, and clear the cookie.")
            .Produces(StatusCodes.Status204NoContent);
    }

    public static void MapSecured(RouteGroupBuilder api) =>
        api.MapGet("/session", (HttpContext context) => Results.Json(new SessionInfo(ApiCaller.Of(context).Name), ApiJson.Options))
            .WithName("WhoAmI")
            .WithSummary("The name the request's token or session stands for.")
            .Produces<SessionInfo>();

    private static async Task<IResult> SignInAsync(HttpContext context, ApiTokens tokens, SessionStore sessions, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var buffer = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (buffer is null)
            return BoundedBody.TooLarge(MaxBodyBytes, "send only {\"token\": \"...\"}");
        SessionRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<SessionRequest>(buffer, ApiJson.Options);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body?.Token is not { Length: > 0 } token)
            return ApiErrors.BadRequest("the body is not {\"token\": \"...\"}", "token", "send the token 'benchcluster api-token add' printed, as JSON");
        if (tokens.Authenticate(token) is not { } name)
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, new ApiError("the token is not one this server issued", "token", "check the token, or make one with 'benchcluster api-token add NAME'"));
        if (sessions.Create(name) is not { } id)
            return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, new ApiError($"the server holds {SessionStore.MaxSessions:N0} live sessions", null, "use the bearer token directly, or try again later"));
        context.Response.Cookies.Append(ApiCaller.SessionCookie, id, CookieOptions(request));
        return Results.Json(new SessionInfo(name), ApiJson.Options);
    }

    private static IResult SignOut(HttpContext context, SessionStore sessions)
    {
        if (context.Request.Cookies.TryGetValue(ApiCaller.SessionCookie, out var id) && id is not null)
            sessions.Remove(id);
        context.Response.Cookies.Delete(ApiCaller.SessionCookie, CookieOptions(context.Request));
        return Results.NoContent();
    }

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        MaxAge = SessionStore.Lifetime,
    };
}
