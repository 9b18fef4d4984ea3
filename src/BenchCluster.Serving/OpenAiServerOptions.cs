using Microsoft.Extensions.Logging;

namespace BenchCluster.Serving;

/// <summary>How <see cref="OpenAiCompatibleServer"/> listens and what it accepts.</summary>
public sealed record OpenAiServerOptions
{
    /// <summary>The default listens on loopback only: the endpoint has no authentication.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Addresses to listen on; port 0 picks a free port (read it back from <see cref="OpenAiCompatibleServer.Addresses"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The model id clients send and GET /v1/models lists. Requests naming another model get 404.</summary>
    public required string ModelName { get; init; }

    /// <summary>How chat messages become one prompt text (the model's own Jinja template is not run).</summary>
    public ChatTemplateKind ChatTemplate { get; init; } = ChatTemplateKind.Plain;

    /// <summary>Requests in flight at once (generating or queued in the backend); more get 503 with Retry-After. Null = no limit.</summary>
    public int? MaxConcurrentRequests { get; init; }

    /// <summary>max_tokens when a request does not give one.</summary>
    public int DefaultMaxTokens { get; init; } = 256;

    /// <summary>Adds logging providers (none by default: a library should not pick where logs go).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
