using BenchCluster.Engine.Completions;
using BenchCluster.Serving.Endpoints;
using BenchCluster.Serving.Responses;
using BenchCluster.Serving.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Serving;

/// <summary>
/// Serves an <see cref="ICompletionBackend"/> over an OpenAI-compatible HTTP API (Kestrel, minimal API):
/// POST /v1/completions and /v1/chat/completions (streamed as SSE or whole), GET /v1/models, GET /health.
/// Every count a request carries is bounded (body size, max_tokens, queue); with an API key, /v1 requires it.
/// The backend stays owned by the caller.
/// </summary>
public sealed class OpenAiCompatibleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _started;

    public OpenAiCompatibleServer(ICompletionBackend backend, OpenAiServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ModelName))
            throw new ArgumentException("The served model needs a name (ModelName): clients send it as \"model\".", nameof(options));
        if (options.Urls.Count == 0)
            throw new ArgumentException("Give at least one URL to listen on, e.g. " + OpenAiServerOptions.DefaultUrl, nameof(options));
        if (options.MaxConcurrentRequests is <= 0)
            throw new ArgumentException($"MaxConcurrentRequests must be at least 1 (got {options.MaxConcurrentRequests}).", nameof(options));
        if (options.MaxTokensLimit <= 0)
            throw new ArgumentException($"MaxTokensLimit must be at least 1 (got {options.MaxTokensLimit}).", nameof(options));
        if (options.DefaultMaxTokens <= 0)
            throw new ArgumentException($"DefaultMaxTokens must be at least 1 (got {options.DefaultMaxTokens}).", nameof(options));
        if (options.MaxRequestBodyBytes <= 0)
            throw new ArgumentException($"MaxRequestBodyBytes must be at least 1 (got {options.MaxRequestBodyBytes}).", nameof(options));

        // The empty builder reads no configuration files or environment: nothing but these options decides what it does.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        // Kestrel enforces the body limit while reading (chunked bodies too); a declared length above it is refused before any byte is read.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddRoutingCore();
        options.ConfigureLogging?.Invoke(builder.Logging);
        _app = builder.Build();
        foreach (var url in options.Urls)
            _app.Urls.Add(url);
        if (options.ApiKey is { } key)
            _app.Use(new ApiKeyCheck(key).InvokeAsync);

        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OpenAiCompatibleServer>();
        var completions = new CompletionEndpoint(backend, options, new AdmissionGate(options.MaxConcurrentRequests), logger);
        var createdUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _app.MapPost("/v1/completions", context => completions.HandleAsync(context, chat: false));
        _app.MapPost("/v1/chat/completions", context => completions.HandleAsync(context, chat: true));
        _app.MapGet("/v1/models", context => JsonResponses.WriteModelsAsync(context, options.ModelName, createdUnixSeconds));
        _app.MapGet("/health", JsonResponses.WriteHealthAsync);
        Options = options;
    }

    public OpenAiServerOptions Options { get; }

    /// <summary>The addresses actually bound (port 0 resolved), available after <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<Uri> Addresses =>
        _started
            ? _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList()
            : throw new InvalidOperationException("The server has not been started: call StartAsync first.");

    /// <summary>The OpenAI base URL of the first address, e.g. http://127.0.0.1:8080/v1 (what clients take as base_url).</summary>
    public Uri ApiBaseUrl => new(Addresses[0], "v1");

    /// <summary>Binds the addresses and starts answering; returns once listening. A taken port fails here (IOException).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        _started = true;
    }

    /// <summary>Stops listening; requests in flight are cancelled after <paramref name="cancellationToken"/> fires.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Starts, serves until <paramref name="cancellationToken"/> is cancelled (Ctrl+C in the CLI), then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
        using var grace = new CancellationTokenSource(ShutdownGrace);
        await StopAsync(grace.Token).ConfigureAwait(false);
    }

    /// <summary>How long requests in flight may finish when the server is asked to stop.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
