using BenchCluster.Testing;
using BenchCluster.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BenchCluster.Web.Tests;

/// <summary>
/// What every browser test shares, started once for the project: `benchcluster up` with the test suites' models
/// forged, an API token, an API client and the browser.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    /// <summary>How long a page may take to show what a test waits for (a loaded 2-core machine runs six test processes).</summary>
    private const float ExpectTimeoutMs = 30_000;

    private LocalCoordinator? _coordinator;
    private BrowserSession? _browser;

    internal LocalCoordinator Coordinator => _coordinator ?? throw new InvalidOperationException("the fixture did not start");

    internal BrowserSession Browser => _browser ?? throw new InvalidOperationException("the fixture did not start");

    /// <summary>A client of the API with the fixture's token.</summary>
    internal ApiClient NewApi() => new(Coordinator.BaseUrl, Coordinator.Token);

    public Uri Url(string path) => new(Coordinator.BaseUrl, path);

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        var prepare = Path.Combine(RepositoryPaths.Scratch("web-tests"), "prepare.yaml");
        await File.WriteAllTextAsync(prepare, WebSuites.RunPage);
        _browser = await BrowserSession.LaunchAsync();
        _coordinator = await LocalCoordinator.StartAsync([prepare]);
    }

    /// <summary>Submits a suite through the API and waits until it completed.</summary>
    internal async Task<Guid> RunToCompletionAsync(string suite, string fileName)
    {
        using var api = NewApi();
        var runId = await api.SubmitAsync(suite, fileName);
        var status = await api.WaitForRunAsync(runId, RunTimeout);
        return status == "completed" ? runId : throw new InvalidOperationException($"run {runId} of {fileName} ended {status}:\n{Coordinator.Output}");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        if (_coordinator is not null)
            await _coordinator.DisposeAsync();
    }
}
