using BenchCluster.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BenchCluster.Web.Tests;

/// <summary>The fleet page: the local worker node, its device and health, and the model files it holds.</summary>
[Collection(WebCollection.Name)]
public sealed class FleetPageTests(WebFixture web)
{
    [Fact]
    public async Task Fleet_page_shows_the_worker_node_with_its_device_health_and_models()
    {
        using var api = web.NewApi();
        var node = (await api.GetAsync("/api/nodes")).EnumerateArray().Single();
        var nodeName = node.GetProperty("nodeName").GetString()!;
        var modelFiles = node.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("fileName").GetString()!).ToList();
        Assert.NotEmpty(modelFiles);

        var page = await web.Browser.NewSignedInPageAsync(web.Coordinator.BaseUrl, web.Coordinator.Token);
        await page.GotoAsync(web.Url("/fleet").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet", Level = 1 })).ToBeVisibleAsync();
        var row = page.Locator("table.nodes tbody tr").Filter(new() { HasText = nodeName });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync($"cpu: {node.GetProperty("deviceName").GetString()}");
        await Expect(row.Locator("td.health")).ToHaveTextAsync("live");
        await Expect(row.Locator("td").Nth(8)).ToHaveTextAsync(modelFiles.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var file in modelFiles)
        {
            var model = page.Locator("table.models tbody tr").Filter(new() { HasText = file });
            await Expect(model).ToHaveCountAsync(1);
            await Expect(model.Locator("td").Last).ToHaveTextAsync(nodeName);
        }
        await BrowserSession.ScreenshotAsync(page, "fleet-page");
    }
}
