using Microsoft.AspNetCore.Http;

namespace BenchCluster.Http.Auth;

/// <summary>Who is calling: the name of the token behind the bearer header or the session cookie.</summary>
public sealed record ApiCaller(string Name)
{
    public const string SessionCookie = "benchcluster_session";

    /// <summary>The caller a request proves, or null (no credentials, or credentials nobody issued).</summary>
    public static ApiCaller? Resolve(HttpContext context, ApiTokens tokens, SessionStore sessions)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            const string scheme = "Bearer ";
            return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && tokens.Authenticate(header[scheme.Length..].Trim()) is { } name
                ? new ApiCaller(name)
                : null;
        }
        return context.Request.Cookies.TryGetValue(SessionCookie, out var id) && id is not null && sessions.Find(id) is { } sessionName
            ? new ApiCaller(sessionName)
            : null;
    }

    /// <summary>The caller <see cref="RequireCallerFilter"/> found for this request.</summary>
    public static ApiCaller Of(HttpContext context) =>
        context.Items[typeof(ApiCaller)] as ApiCaller
        ?? throw new InvalidOperationException("the endpoint is not behind RequireCallerFilter");
}
