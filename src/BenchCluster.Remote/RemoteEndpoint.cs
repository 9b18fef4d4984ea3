namespace BenchCluster.Remote;

/// <summary>The resolved URLs of one endpoint, its options and its key: what a request needs besides the HttpClient.</summary>
internal sealed class RemoteEndpoint
{
    public RemoteEndpoint(OpenAiCompatibleOptions options, ApiKey key)
    {
        // Checked here as well as where the suite is parsed: a job reaches the worker as JSON that anyone who can
        // write to the cluster could have crafted, and this is the last point before a request leaves.
        if (EndpointUrlRule.Problem(options.BaseUrl) is { } problem)
            throw new ArgumentException($"base_url {problem} ({EndpointUrlRule.Rule}).", nameof(options));
        if (string.IsNullOrWhiteSpace(options.Model))
            throw new ArgumentException("The endpoint's model name is empty: set model to the name the server serves (GET /v1/models lists them).", nameof(options));
        Options = options;
        Key = key;
        CompletionsUrl = Append(options.BaseUrl, "/completions");
        ChatUrl = Append(options.BaseUrl, "/chat/completions");
        ModelsUrl = Display(Append(options.BaseUrl, "/models"));
        CompletionsDisplay = Display(CompletionsUrl);
        ChatDisplay = Display(ChatUrl);
    }

    public OpenAiCompatibleOptions Options { get; }
    public ApiKey Key { get; }
    public Uri CompletionsUrl { get; }
    public Uri ChatUrl { get; }

    /// <summary>URLs as shown in messages: without user info or query, which may hold credentials.</summary>
    public string CompletionsDisplay { get; }
    public string ChatDisplay { get; }
    public string ModelsUrl { get; }

    /// <summary>Base URL as shown in messages and provenance.</summary>
    public string BaseDisplay => Display(Options.BaseUrl);

    /// <summary>Appends a path to the base URL's path, keeping its query (some hosted APIs carry an api-version there).</summary>
    private static Uri Append(Uri baseUrl, string suffix)
    {
        var builder = new UriBuilder(baseUrl) { Fragment = "" };
        builder.Path = builder.Path.TrimEnd('/') + suffix;
        return builder.Uri;
    }

    private static string Display(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
