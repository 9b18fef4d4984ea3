using System.Runtime.CompilerServices;
using BenchCluster.Engine.Completions;

namespace BenchCluster.Remote;

/// <summary>
/// An <see cref="ICompletionBackend"/> over an OpenAI-compatible HTTP server (/v1/completions or
/// /v1/chat/completions, always streamed). Chunks carry the monotonic arrival time of their SSE event and
/// the tokens in it (see <see cref="EventTokenCounter"/>); the final chunk carries the server's usage counts.
/// One instance holds one connection pool; share it between all concurrent requests to an endpoint.
/// </summary>
public sealed class OpenAiCompatibleBackend : ICompletionBackend
{
    private readonly RemoteEndpoint _endpoint;
    private readonly EndpointConnections _connections;

    /// <summary>
    /// Reads the API key from <see cref="OpenAiCompatibleOptions.ApiKeyEnvironmentVariable"/> now; throws
    /// ArgumentException naming the variable when it is reserved, not allowed, or named but unset, or when the base URL
    /// breaks <see cref="EndpointUrlRule"/> or the model is unusable. Nothing is sent before these checks pass.
    /// </summary>
    public OpenAiCompatibleBackend(OpenAiCompatibleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = new RemoteEndpoint(options, ApiKey.FromEnvironment(options.ApiKeyEnvironmentVariable, options.AllowedApiKeyVariables));
        _connections = new EndpointConnections(options);
        Info = new CompletionBackendInfo
        {
            Kind = "openai-compatible",
            Model = options.Model,
            Location = _endpoint.BaseDisplay,
        };
    }

    public CompletionBackendInfo Info { get; }

    public OpenAiCompatibleOptions Options => _endpoint.Options;

    /// <summary>
    /// False once the server was seen closing a connection it had kept alive (llama-server does after each streamed
    /// response): each request then opens a connection of its own. See <see cref="EndpointConnections"/>.
    /// </summary>
    public bool ReusesConnections => _connections.ReusesConnections;

    public async IAsyncEnumerable<CompletionChunk> StreamAsync(
        CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chat = Validate(request);
        cancellationToken.ThrowIfCancellationRequested();
        await using var call = await RemoteCompletionCall.StartAsync(_connections, _endpoint, request, chat, cancellationToken).ConfigureAwait(false);
        while (await call.NextAsync().ConfigureAwait(false) is { } chunk)
            yield return chunk;
    }

    private bool Validate(CompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chat = request.UseChat || _endpoint.Options.UseChat;
        if (request.MaxTokens <= 0)
            throw new ArgumentException($"max_tokens must be at least 1 (got {request.MaxTokens}).", nameof(request));
        if (request.Prompt is null && request.PromptTokens is null)
            throw new ArgumentException("The request has neither a prompt text nor prompt tokens.", nameof(request));
        if (chat && request.Prompt is null)
            throw new ArgumentException("The chat endpoint takes text messages: give the request a prompt text, or use the completions endpoint for token ids.", nameof(request));
        return chat;
    }

    /// <summary>The text with this endpoint's key, and any piece of it, masked: for messages built outside the backend.</summary>
    public string Scrub(string text) => _endpoint.Key.Scrub(text);

    public override string ToString() => $"openai-compatible {_endpoint.BaseDisplay} model {Info.Model} {_endpoint.Key}";

    public ValueTask DisposeAsync()
    {
        _connections.Dispose();
        return ValueTask.CompletedTask;
    }
}
