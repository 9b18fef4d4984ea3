using System.Globalization;
using BenchCluster.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BenchCluster.Web.Tests;

/// <summary>The compare page: two runs of one suite, their matched point with its ratio, confidence and verdict.</summary>
[Collection(WebCollection.Name)]
public sealed class ComparePageTests(WebFixture web)
{
    [Fact]
    public async Task Compare_page_shows_the_points_two_runs_share_with_ratio_and_verdict()
    {
        var baseRun = await web.RunToCompletionAsync(WebSuites.Compare, "web-compare.yaml");
        var newRun = await web.RunToCompletionAsync(WebSuites.Compare, "web-compare.yaml");
        using var api = web.NewApi();
        var report = await api.GetAsync($"/api/compare?base={baseRun}&new={newRun}");
        var point = report.GetProperty("points").EnumerateArray().Single();

        var page = await web.Browser.NewSignedInPageAsync(web.Coordinator.BaseUrl, web.Coordinator.Token);
        await page.GotoAsync(web.Url($"/compare?base={baseRun}&new={newRun}").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Compare runs", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#compare-summary")).ToContainTextAsync("1 matched point:");
        var rows = page.Locator("table.compare tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        var cells = rows.First.Locator("td");
        await Expect(cells.Nth(0)).ToHaveTextAsync(point.GetProperty("pointLabel").GetString()!);
        await Expect(cells.Nth(0)).ToContainTextAsync("tiny-f16");
        await Expect(cells.Nth(1)).ToHaveTextAsync(point.GetProperty("node").GetString()!);
        await Expect(cells.Nth(4)).ToHaveTextAsync(point.GetProperty("ratio").GetDouble().ToString("0.000", CultureInfo.InvariantCulture) + "×");
        var isRegression = point.GetProperty("isRegression").GetBoolean();
        var verdict = isRegression ? "regression" : point.GetProperty("verdict").GetString()!.ToLowerInvariant();
        await Expect(cells.Nth(7).Locator(".verdict-name")).ToHaveTextAsync(verdict);
        if (isRegression)
            await Expect(rows.First).ToHaveClassAsync("change-regression");
        else
            await Expect(rows.First).Not.ToHaveClassAsync("change-regression");
        await BrowserSession.ScreenshotAsync(page, "compare-page");
    }
}
