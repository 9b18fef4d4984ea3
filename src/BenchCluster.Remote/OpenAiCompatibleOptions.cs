using System.Text.Json.Nodes;

namespace BenchCluster.Remote;

/// <summary>
/// Where and how to reach an OpenAI-compatible server (vLLM, llama-server, SGLang, a hosted API, or
/// <c>benchcluster serve</c>). Holds no secret: the API key is named by its environment variable only.
/// </summary>
public sealed record OpenAiCompatibleOptions
{
    /// <summary>Base URL including the API version path, e.g. "http://127.0.0.1:8000/v1" (as the OpenAI SDKs take it).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The "model" field sent with every request; the server's name for the model.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// Name of the environment variable holding the API key (sent as "Authorization: Bearer"), or null for
    /// servers without authentication. The key itself never enters options, logs, messages or storage.
    /// </summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>The variables this process's operator allows as <see cref="ApiKeyEnvironmentVariable"/>; any other is refused.</summary>
    public ApiKeyVariables AllowedApiKeyVariables { get; init; } = ApiKeyVariables.None;

    /// <summary>Default endpoint for requests that do not ask for chat: true = /chat/completions, false = /completions.</summary>
    public bool UseChat { get; init; }

    /// <summary>Most time to open a TCP (and TLS) connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="PooledConnectionIdleTimeout"/>: well under the 5 s after which llama-server (cpp-httplib) and uvicorn (vLLM, SGLang) close an idle kept-alive connection.</summary>
    public static readonly TimeSpan DefaultPooledConnectionIdleTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A kept-alive connection idle this long is closed by the client and never reused. Servers close idle connections
    /// themselves (llama-server after 5 s); a request sent on one at the moment the server closes it is lost with
    /// "connection reset", and was possibly read, so it cannot safely be sent again. Closing first avoids the race.
    /// </summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = DefaultPooledConnectionIdleTimeout;

    /// <summary>Most time from sending a request to its first SSE data event (covers queueing and prompt processing).</summary>
    public TimeSpan FirstEventTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Most time between two SSE data events once the stream has started (comment pings do not count).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most time for a whole request, from send to the end of the stream.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="MaxEventBytes"/>: a thousand times a token event with 20 top logprobs.</summary>
    public const int DefaultMaxEventBytes = 4 << 20;

    /// <summary>Default <see cref="MaxEventsPerRequest"/>: a 128k-token answer at one event per token, with pings, several times over.</summary>
    public const int DefaultMaxEventsPerRequest = 1_000_000;

    /// <summary>Default <see cref="MaxBodyBytes"/>.</summary>
    public const int DefaultMaxBodyBytes = 1 << 20;

    /// <summary>
    /// Most bytes of data in one SSE event, across its data: lines (and so the longest line). More fails the request
    /// (max_event_bytes): nothing beyond this is buffered, whatever the server sends.
    /// </summary>
    public int MaxEventBytes { get; init; } = DefaultMaxEventBytes;

    /// <summary>
    /// Most SSE records in one response: data events, and the comments (pings) and blank lines between them.
    /// More fails the request (max_events_per_request), so a server sending tiny events forever cannot hold a worker.
    /// </summary>
    public int MaxEventsPerRequest { get; init; } = DefaultMaxEventsPerRequest;

    /// <summary>
    /// Most bytes read of a response that is not an event stream (a server that ignored "stream": true, a proxy's
    /// page): such a body is an error, shown as an excerpt; reading stops at this size (max_body_bytes).
    /// </summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Send the fields the OpenAI API itself does not define (ignore_eos, min_tokens, top_k). vLLM, SGLang and
    /// llama-server accept them; hosted APIs usually reject unknown fields with 400, so set false for those.
    /// </summary>
    public bool SendExtensionFields { get; init; } = true;

    /// <summary>Name of the output-length field: "max_tokens" (every server here), or "max_completion_tokens" for newer hosted chat APIs.</summary>
    public string MaxTokensField { get; init; } = "max_tokens";

    /// <summary>Extra JSON body fields, written as given; a field named here replaces the one BenchCluster would send.</summary>
    public IReadOnlyDictionary<string, JsonNode?> ExtraBodyFields { get; init; } = new Dictionary<string, JsonNode?>();
}
