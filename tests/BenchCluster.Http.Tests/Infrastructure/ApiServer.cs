using System.Net;
using System.Security.Cryptography.X509Certificates;
using BenchCluster.Http.Auth;
using BenchCluster.Http.Hosting;
using Microsoft.AspNetCore.Builder;

namespace BenchCluster.Http.Tests.Infrastructure;

/// <summary>The API on a free loopback port over a <see cref="FakeClusterBackend"/>, with tokens for alice and bob.</summary>
internal sealed class ApiServer : IAsyncDisposable
{
    public const string AliceToken = "alice-token-0123456789abcdefghijklmnopqrstuv";
    public const string BobToken = "bob-token-0123456789abcdefghijklmnopqrstuvwxy";

    private readonly WebApplication _app;

    private ApiServer(WebApplication app, FakeClusterBackend cluster, Uri address)
    {
        _app = app;
        Cluster = cluster;
        Address = address;
    }

    public FakeClusterBackend Cluster { get; }

    public Uri Address { get; }

    public static async Task<ApiServer> StartAsync(int maxEventStreamsPerCaller = 8, X509Certificate2? httpsCertificate = null)
    {
        var cluster = new FakeClusterBackend();
        var tokens = ApiTokens.Of([new ApiTokenEntry("alice", ApiTokenFile.Hash(AliceToken)), new ApiTokenEntry("bob", ApiTokenFile.Hash(BobToken))]);
        var options = new HttpApiOptions
        {
            Listen = new HttpListenAddress(IPAddress.Loopback, 0, httpsCertificate is not null), TokensFile = "unused", MaxEventStreamsPerCaller = maxEventStreamsPerCaller,
            Certificate = httpsCertificate,
        };
        var app = HttpApiApplication.Build(options, cluster, tokens);
        await app.StartAsync();
        return new ApiServer(app, cluster, new Uri(app.Urls.First()));
    }

    /// <summary>A client that sends no cookies by itself (tests set them), optionally with a bearer token.</summary>
    /// <param name="trust">For https: the only certificate the client accepts from the server.</param>
    public HttpClient Client(string? token = null, X509Certificate2? trust = null)
    {
        var handler = new HttpClientHandler { UseCookies = false };
        if (trust is not null)
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == trust.Thumbprint;
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
