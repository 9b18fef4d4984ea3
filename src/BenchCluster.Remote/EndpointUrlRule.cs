using System.Net;

namespace BenchCluster.Remote;

/// <summary>
/// Where a request with a key and prompts may go: https, or plain http to this machine only; never a URL carrying
/// credentials (user:password@), which would be sent along and stored with the suite.
/// </summary>
public static class EndpointUrlRule
{
    /// <summary>The rule in one sentence, for error messages.</summary>
    public const string Rule = "an endpoint's base_url must be https:// (plain http:// only to 127.0.0.0/8, ::1 or localhost) and carry no user:password@";

    /// <summary>What is wrong with the URL, or null when requests may go there.</summary>
    public static string? Problem(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return $"'{Shown(url)}' is not an http(s) URL; write e.g. https://api.example.com/v1";
        if (url.UserInfo.Length > 0)
            return $"'{Shown(url)}' carries credentials (user:password@), which would be sent to the server and kept with the suite; "
                   + "remove them and name the key's environment variable with api_key_env";
        if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
            return $"'{Shown(url)}' is plain http to another machine, so the key and the prompts would cross the network unencrypted; "
                   + "use https:// (plain http is allowed only to 127.0.0.0/8, ::1 and localhost)";
        return null;
    }

    /// <summary>True for localhost, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(Uri url) =>
        string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The URL without its user info, so an error never repeats a password.</summary>
    private static string Shown(Uri url) => url.IsAbsoluteUri
        ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : url.OriginalString;
}
