using System.Net;

namespace BenchCluster.Remote;

/// <summary>
/// The HTTP connections of one endpoint. Requests go over kept-alive pooled connections until the server is seen
/// closing one it had kept alive: a request on it ends before any response byte. llama-server does this after every
/// streamed response although its headers say "Keep-Alive: timeout=5, max=100", so a request sent as the close is on
/// its way is lost. From the first such loss on, each request gets a connection of its own (what that server forces
/// anyway), and the lost request is sent once more on one, so no request fails for the server's connection handling.
/// </summary>
internal sealed class EndpointConnections : IDisposable
{
    /// <summary>Pooled connections are replaced after this long, so DNS changes (load balancers, failover) are followed.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    private readonly HttpClient _pooled;
    private readonly Lazy<HttpClient> _fresh;
    private volatile bool _serverClosesKeptAliveConnections;

    public EndpointConnections(OpenAiCompatibleOptions options)
    {
        _pooled = Create(options, PooledConnectionLifetime);
        // A lifetime of zero: a connection is closed after its one request and never taken from the pool again.
        _fresh = new Lazy<HttpClient>(() => Create(options, TimeSpan.Zero), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>False once the server was seen closing a kept-alive connection: each request then opens its own.</summary>
    public bool ReusesConnections => !_serverClosesKeptAliveConnections;

    /// <summary>The client for the next request: the pooled one, or the one of fresh connections after a loss.</summary>
    public HttpClient Next => _serverClosesKeptAliveConnections ? _fresh.Value : _pooled;

    /// <summary>Whether <paramref name="client"/> may have sent on a connection the server had kept alive and then closed.</summary>
    public bool MayHaveReused(HttpClient client) => ReferenceEquals(client, _pooled);

    /// <summary>Records that the server closes kept-alive connections; returns the client to resend on.</summary>
    public HttpClient AfterLostConnection()
    {
        _serverClosesKeptAliveConnections = true;
        return _fresh.Value;
    }

    private static HttpClient Create(OpenAiCompatibleOptions options, TimeSpan lifetime)
    {
        var handler = new SocketsHttpHandler
        {
            // Open-loop runs hold one connection per request in flight: never queue requests behind a small pool.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = lifetime,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
            // A response abandoned before its end must close its connection, so the server stops generating
            // (the drain would otherwise keep reading it in the background to reuse the connection).
            MaxResponseDrainSize = 0,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose()
    {
        _pooled.Dispose();
        if (_fresh.IsValueCreated)
            _fresh.Value.Dispose();
    }
}
