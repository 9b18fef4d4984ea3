using BenchCluster.Engine.Completions;
using BenchCluster.Remote;

namespace BenchCluster.Serving.Tests;

/// <summary>A real <see cref="OpenAiCompatibleServer"/> on an ephemeral loopback port, with a client backend pointed at it.</summary>
internal sealed class ServedEndpoint : IAsyncDisposable
{
    public const string ModelName = "served-model";

    private ServedEndpoint(OpenAiCompatibleServer server, OpenAiCompatibleBackend client)
    {
        Server = server;
        Client = client;
        Http = new HttpClient { BaseAddress = new Uri(server.ApiBaseUrl + "/") };
    }

    public OpenAiCompatibleServer Server { get; }
    public OpenAiCompatibleBackend Client { get; }

    /// <summary>A plain HttpClient whose base address is the server's /v1/.</summary>
    public HttpClient Http { get; }

    public static async Task<ServedEndpoint> StartAsync(
        ICompletionBackend backend, Func<OpenAiServerOptions, OpenAiServerOptions>? configure = null, bool chat = false)
    {
        var options = new OpenAiServerOptions { ModelName = ModelName, Urls = ["http://127.0.0.1:0"] };
        var server = new OpenAiCompatibleServer(backend, configure?.Invoke(options) ?? options);
        await server.StartAsync();
        var client = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = server.ApiBaseUrl, Model = ModelName, UseChat = chat });
        return new ServedEndpoint(server, client);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Client.DisposeAsync();
        await Server.StopAsync();
        await Server.DisposeAsync();
    }
}
