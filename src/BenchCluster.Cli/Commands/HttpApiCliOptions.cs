using System.CommandLine;
using BenchCluster.Hosting.Tls;
using BenchCluster.Http.Auth;
using BenchCluster.Http.Hosting;

namespace BenchCluster.Cli.Commands;

/// <summary>The coordinator's --http and --api-tokens options, checked before the silo starts.</summary>
internal static class HttpApiCliOptions
{
    public static Option<string?> Http() => new("--http")
    {
        Description = "Serve the HTTP API (docs/http-api.md) at this address: http://127.0.0.1:8080 on this machine only, " +
                      "https://0.0.0.0:8443 beyond it (served with the coordinator's cluster certificate). Default: no HTTP API.",
    };

    public static Option<FileInfo?> ApiTokens() => new("--api-tokens")
    {
        Description = "The API tokens file (names and SHA-256 hashes; 'benchcluster api-token add NAME --file FILE' writes it). Required with --http.",
    };

    /// <summary>The API's options, or null without --http; refuses an unsafe address or a missing tokens file.</summary>
    public static HttpApiOptions? Resolve(string? url, FileInfo? tokens, ClusterCredentials credentials)
    {
        if (url is null)
            return tokens is null ? null : throw new UserFacingException("--api-tokens is given without --http; add --http http://127.0.0.1:8080 to serve the HTTP API");
        HttpListenAddress listen;
        try
        {
            listen = HttpListenAddress.Parse(url);
        }
        catch (ArgumentException e)
        {
            throw new UserFacingException(e.Message);
        }
        if (tokens is null)
            throw new UserFacingException($"--http {url} needs --api-tokens FILE: every request must carry a token; make one with 'benchcluster api-token add NAME --file FILE'");
        try
        {
            // Read once here so a broken file stops the start with its line number, not the first request.
            _ = ApiTokenFile.Read(tokens.FullName);
        }
        catch (InvalidDataException e)
        {
            throw new UserFacingException(e.Message);
        }
        return new HttpApiOptions { Listen = listen, TokensFile = tokens.FullName, Certificate = listen.Https ? credentials.Certificate : null };
    }
}
