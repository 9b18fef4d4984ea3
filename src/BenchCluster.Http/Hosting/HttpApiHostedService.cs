using BenchCluster.Http.Auth;
using BenchCluster.Http.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Http.Hosting;

/// <summary>
/// Runs the API's web application inside the coordinator silo's host: it starts after the silo (registered after
/// UseOrleans) and stops before it. The web app has its own services; it shares the silo's grain factory, database
/// and loggers.
/// </summary>
public sealed class HttpApiHostedService(HttpApiOptions options, IServiceProvider silo, ILogger<HttpApiHostedService> logger) : IHostedService
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tokens = ApiTokens.FromFile(options.TokensFile);
        var backend = ActivatorUtilities.CreateInstance<SiloClusterBackend>(silo);
        _app = HttpApiApplication.Build(options, backend, tokens, loggerFactory: silo.GetRequiredService<ILoggerFactory>());
        try
        {
            await _app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new IOException($"the HTTP API cannot listen on {options.Listen.Url}: {e.Message}; pick a free port with --http, or stop what holds it", e);
        }
        logger.LogInformation("HTTP API listening on {Url} ({Tokens} tokens from {File})", options.Listen.Url, tokens.Count, options.TokensFile);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
            return;
        await _app.StopAsync(cancellationToken);
        await _app.DisposeAsync();
    }
}
