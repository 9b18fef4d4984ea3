using BenchCluster.Serving.Security;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Serving;

/// <summary>How <see cref="OpenAiCompatibleServer"/> listens and what it accepts.</summary>
public sealed record OpenAiServerOptions
{
    /// <summary>The default listens on loopback only: without <see cref="ApiKey"/> the endpoint has no authentication.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Default <see cref="MaxRequestBodyBytes"/>: a prompt of a few hundred thousand tokens fits; a flood does not.</summary>
    public const long DefaultMaxRequestBodyBytes = 1 << 20;

    /// <summary>Default <see cref="MaxTokensLimit"/> when the backend's context is not known.</summary>
    public const int DefaultMaxTokensLimit = 131_072;

    /// <summary>Addresses to listen on; port 0 picks a free port (read it back from <see cref="OpenAiCompatibleServer.Addresses"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The model id clients send and GET /v1/models lists. Requests naming another model get 404.</summary>
    public required string ModelName { get; init; }

    /// <summary>How chat messages become one prompt text (the model's own Jinja template is not run).</summary>
    public ChatTemplateKind ChatTemplate { get; init; } = ChatTemplateKind.Plain;

    /// <summary>
    /// Chat streams send the reasoning of a think span as delta.reasoning_content, the answer as delta.content (llama-server
    /// with --reasoning-format deepseek, vLLM with a reasoning parser); off, both go in content. On for templates with a think span.
    /// </summary>
    public bool StreamReasoning => ChatPrompt.HasThinkSpan(ChatTemplate);

    /// <summary>Requests in flight at once (generating or queued in the backend); more get 503 with Retry-After. Null = no limit.</summary>
    public int? MaxConcurrentRequests { get; init; }

    /// <summary>max_tokens when a request does not give one (at most <see cref="MaxTokensLimit"/>).</summary>
    public int DefaultMaxTokens { get; init; } = 256;

    /// <summary>
    /// Largest max_tokens (and token-id prompt) accepted; more is refused with 400 naming the field. Set it to the
    /// tokens one request can hold (a slot's context): more could never be generated.
    /// </summary>
    public int MaxTokensLimit { get; init; } = DefaultMaxTokensLimit;

    /// <summary>Largest request body; a longer one is answered 413 as soon as its length is known, without reading it whole.</summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>The key every /v1 request must bring as "Authorization: Bearer"; null = no authentication (keep to loopback then).</summary>
    public ServerApiKey? ApiKey { get; init; }

    /// <summary>
    /// These options fitted to a backend of <paramref name="slots"/> slots of <paramref name="contextPerSlot"/> tokens
    /// with a queue of <paramref name="maxQueue"/>: max_tokens and token prompts up to a slot, and no more requests
    /// admitted than the backend holds, so the bodies in memory stay bounded too (what `benchcluster serve` runs).
    /// </summary>
    public OpenAiServerOptions ForBackend(int slots, int contextPerSlot, int maxQueue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextPerSlot, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueue);
        return this with { MaxConcurrentRequests = checked(slots + maxQueue), MaxTokensLimit = contextPerSlot };
    }

    /// <summary>Adds logging providers (none by default: a library should not pick where logs go).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
