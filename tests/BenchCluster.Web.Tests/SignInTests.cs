using System.Diagnostics;
using BenchCluster.Testing.Reliability;
using BenchCluster.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BenchCluster.Web.Tests;

/// <summary>A visitor without a session sees the sign-in form, a wrong token is refused, the right one opens the runs.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task Page_without_a_session_shows_the_sign_in_form_refuses_a_wrong_token_and_accepts_the_right_one()
    {
        var page = await web.Browser.NewPageAsync();
        await page.GotoAsync(web.Url("/").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("API token")).ToBeVisibleAsync();
        await Expect(page.Locator("table")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "sign-in-form");

        var elapsed = Stopwatch.StartNew();
        await page.GetByLabel("API token").FillAsync("bc_not-a-token-this-server-issued");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That token was not accepted");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Value.Length > 0 && c.HttpOnly);
        var refused = elapsed.Elapsed;
        await BrowserSession.ScreenshotAsync(page, "sign-in-refused");

        await page.GetByLabel("API token").FillAsync(web.Coordinator.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Runs", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync($"Signed in as {web.Coordinator.TokenName}");
        await BrowserSession.ScreenshotAsync(page, "sign-in-accepted");

        ReliabilityLog.BadInput(new BadInputRecord("web page", "a token the server never issued, typed into the sign-in form", 1,
            $"refused (401) in {refused.TotalSeconds:0.00} s: the form says so, no session cookie is set, the data stays hidden",
            nameof(Page_without_a_session_shows_the_sign_in_form_refuses_a_wrong_token_and_accepts_the_right_one)));
    }
}
