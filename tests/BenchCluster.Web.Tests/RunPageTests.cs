using BenchCluster.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BenchCluster.Web.Tests;

/// <summary>The run page: a suite submitted through the API, followed live to 100 %, its results as a person reads them.</summary>
[Collection(WebCollection.Name)]
public sealed class RunPageTests(WebFixture web, ITestOutputHelper output)
{
    [Fact]
    public async Task Run_page_follows_a_suite_submitted_through_the_API_to_100_percent_and_shows_every_point_with_its_verdict()
    {
        using var api = web.NewApi();
        var runId = await api.SubmitAsync(WebSuites.RunPage, "web-run-page.yaml");
        var page = await web.Browser.NewSignedInPageAsync(web.Coordinator.BaseUrl, web.Coordinator.Token);
        await page.GotoAsync(web.Url($"/runs/{runId}").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "web-run-page", Level = 1 })).ToBeVisibleAsync();
        var bar = page.Locator(".progress-box [role=progressbar]");
        output.WriteLine($"progress when the page opened: {await bar.InnerTextAsync()}");
        // A marker on the window: it survives only if the page reached 100 % by itself, without a reload.
        await page.EvaluateAsync("() => { window.__bcOpened = true; }");

        await Expect(bar).ToHaveTextAsync("100 %", new() { Timeout = (float)WebFixture.RunTimeout.TotalMilliseconds });
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("Completed", new() { UseInnerText = true });
        await Expect(page.Locator("#run-jobs")).ToHaveTextAsync("12 of 12 jobs finished");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__bcOpened === true"), "the page reloaded instead of following the run");
        await Expect(page.Locator("dl.meta")).ToContainTextAsync(web.Coordinator.TokenName); // submitted by the token's name

        var rows = page.Locator("table.results tbody tr");
        await Expect(rows).ToHaveCountAsync(WebSuites.RunPageModels.Length * WebSuites.RunPageScenarios.Length);
        var seen = await ResultRowsAsync(page);
        var expected = (await api.GetAsync($"/api/runs/{runId}/results")).EnumerateArray()
            .Select(r => (Model: r.GetProperty("model").GetString()!, Scenario: r.GetProperty("scenario").GetString()!, Verdict: r.GetProperty("verdict").GetString()!))
            .ToList();
        Assert.Equal(
            WebSuites.RunPageModels.SelectMany(m => WebSuites.RunPageScenarios.Select(s => (m, s))).Order(),
            seen.Select(r => (r.Model, r.Scenario)).Order());
        foreach (var row in seen)
        {
            Assert.Contains(row.Verdict, new[] { "VALID", "INVALID" });
            Assert.Contains((row.Model, row.Scenario, row.Verdict), expected);
            Assert.Matches(@"^\d[\d,]*\.\d ± \d[\d,]*\.\d$", row.TokensPerSecond);
        }
        await Expect(page.Locator("svg.chart g.bar")).ToHaveCountAsync(seen.Count);

        // The report's plots, framed: its plots heading and one image per plot (the report draws at least the tokens/s bars).
        var report = page.FrameLocator("iframe.report");
        await Expect(report.Locator("h2#plots")).ToHaveTextAsync("Plots");
        await Expect(report.Locator("figure img").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "run-page");
    }

    private sealed record ResultRow(string Model, string Scenario, string TokensPerSecond, string Verdict);

    /// <summary>The results table's rows as their visible text: model, scenario, tokens/s and the verdict (first line of its cell).</summary>
    private static async Task<IReadOnlyList<ResultRow>> ResultRowsAsync(IPage page)
    {
        var cells = await page.Locator("table.results tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))");
        var headers = await page.Locator("table.results thead th").AllInnerTextsAsync();
        int Column(string name) => headers.ToList().IndexOf(name) is var i and >= 0 ? i : throw new InvalidOperationException($"no column '{name}' in {string.Join(", ", headers)}");
        return cells.Select(c => new ResultRow(c[Column("Model")], c[Column("Scenario")], c[Column("Tokens/s ± sd")],
            c[Column("Verdict and reasons")].Split('\n')[0].Trim())).ToList();
    }
}
