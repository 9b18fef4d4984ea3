using BenchCluster.Testing;
using Microsoft.Playwright;

namespace BenchCluster.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by infra/setup.sh) driven by Playwright's bundled driver; nothing is
/// downloaded. Each page gets a context of its own (own cookies), so a signed-out page never sees another's session.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Set to use another Chromium binary.</summary>
    public const string ExecutableVariable = "BENCHCLUSTER_CHROMIUM";
    private const string DefaultExecutable = "/usr/bin/chromium";

    // Headless on a machine without a display, GPU or outside network: without the background-networking flags
    // Chromium keeps trying to reach Google's services and floods the closed network with refused connections.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ScreenshotFolder => Path.Combine(RepositoryPaths.Root, ".data", "screenshots");

    public static async Task<BrowserSession> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutable;
        if (!File.Exists(executable))
            throw new FileNotFoundException($"Chromium is not at {executable}: run infra/setup.sh (it installs Debian's chromium package), or set {ExecutableVariable}.", executable);
        var playwright = await Playwright.CreateAsync();
        try
        {
            // Playwright gives every launch a fresh, empty profile (user data directory) of its own.
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = Flags });
            return new BrowserSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page in a new context (no cookies), 1400 × 900, which fails the test on any dialog (alert, confirm) a page opens.</summary>
    public async Task<IPage> NewPageAsync(List<string>? dialogs = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) =>
        {
            dialogs?.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return page;
    }

    /// <summary>A page whose context already holds a session cookie (POST /api/session with the token, as the sign-in form does).</summary>
    public async Task<IPage> NewSignedInPageAsync(Uri baseUrl, string token, List<string>? dialogs = null)
    {
        var page = await NewPageAsync(dialogs);
        var response = await page.Context.APIRequest.PostAsync(new Uri(baseUrl, "/api/session").ToString(),
            new APIRequestContextOptions { DataObject = new { token } });
        if (!response.Ok)
            throw new InvalidOperationException($"POST /api/session answered {response.Status}: {await response.TextAsync()}");
        return page;
    }

    /// <summary>Saves the page as a person sees it to .data/screenshots/NAME.png.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
