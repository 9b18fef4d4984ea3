using System.Diagnostics;
using BenchCluster.Testing.Reliability;
using BenchCluster.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BenchCluster.Web.Tests;

/// <summary>Names from a suite are data: markup in them shows as text on every page, and none of it runs.</summary>
[Collection(WebCollection.Name)]
public sealed class EscapingTests(WebFixture web)
{
    [Fact]
    public async Task Markup_in_suite_and_model_names_shows_as_text_and_runs_nothing()
    {
        var runId = await web.RunToCompletionAsync(WebSuites.Hostile, "hostile.yaml");
        var dialogs = new List<string>();
        var page = await web.Browser.NewSignedInPageAsync(web.Coordinator.BaseUrl, web.Coordinator.Token, dialogs);
        var elapsed = Stopwatch.StartNew();

        await page.GotoAsync(web.Url("/").ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = WebSuites.HostileSuiteName, Exact = true }).First).ToBeVisibleAsync();
        await AssertNothingInjectedAsync(page, dialogs);
        await BrowserSession.ScreenshotAsync(page, "escaping-runs-list");

        await page.GotoAsync(web.Url($"/runs/{runId}").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = WebSuites.HostileSuiteName, Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("table.results tbody tr td").First).ToHaveTextAsync(WebSuites.HostileModelName);
        await Expect(page.Locator("svg.chart text.panel").First).ToContainTextAsync("<script>");
        Assert.Equal($"{WebSuites.HostileSuiteName} · BenchCluster", await page.TitleAsync());
        await AssertNothingInjectedAsync(page, dialogs);
        await BrowserSession.ScreenshotAsync(page, "escaping-run-page");

        ReliabilityLog.BadInput(new BadInputRecord("web page", "suite and model names holding <img onerror> and <script> markup, shown on the runs list and the run page", 2,
            $"shown as literal text; no element injected, no script run, no dialog; checked in Chromium in {elapsed.Elapsed.TotalSeconds:0.0} s",
            nameof(Markup_in_suite_and_model_names_shows_as_text_and_runs_nothing)));
    }

    private static async Task AssertNothingInjectedAsync(IPage page, List<string> dialogs)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__bcInjected === undefined"), "a script from a name ran");
        Assert.Empty(dialogs);
    }
}
