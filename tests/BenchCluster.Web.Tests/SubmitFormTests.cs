using System.Text.RegularExpressions;
using BenchCluster.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BenchCluster.Web.Tests;

/// <summary>The runs page's submit form: a broken suite is refused with the parser's message, a good one opens its run page.</summary>
[Collection(WebCollection.Name)]
public sealed partial class SubmitFormTests(WebFixture web)
{
    [Fact]
    public async Task Submit_form_shows_why_a_suite_is_refused_and_opens_the_run_page_of_an_accepted_one()
    {
        var page = await web.Browser.NewSignedInPageAsync(web.Coordinator.BaseUrl, web.Coordinator.Token);
        await page.GotoAsync(web.Url("/").ToString());
        await page.GetByText("Submit a suite").ClickAsync();

        var suite = page.GetByLabel("Suite (YAML, as in docs/suite-format.md)");
        await suite.FillAsync(WebSuites.Compare.Replace("kind: tg", "kind: tgx", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        var refusal = page.Locator("form.submit [role=alert]");
        await Expect(refusal).ToBeVisibleAsync();
        await Expect(refusal).ToContainTextAsync("tgx");
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "submit-form-refused");

        await suite.FillAsync(WebSuites.Compare);
        await page.GetByLabel("File name (optional)").FillAsync("from-the-form.yaml");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RunPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "web-compare", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".progress-box [role=progressbar]")).ToHaveTextAsync("100 %", new() { Timeout = (float)WebFixture.RunTimeout.TotalMilliseconds });
        await Expect(page.Locator("dl.meta")).ToContainTextAsync(web.Coordinator.TokenName);
        await BrowserSession.ScreenshotAsync(page, "submit-form-accepted");
    }

    [GeneratedRegex("/runs/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex RunPage();
}
