using Microsoft.Playwright;

namespace PaperDigest.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright; nothing is downloaded. Where Chromium is missing the browser tests skip
/// with a reason, except under CI=true, where a missing browser fails the run instead of passing it silently.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private const string ExecutablePath = "/usr/bin/chromium";

    // Without the networking switches Chromium keeps calling Google's hosts, which this offline machine refuses.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private string? missingReason;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            missingReason = $"{ExecutablePath} is missing: install Debian's Chromium (apt-get install chromium) to run the browser tests.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("CI=true, so browser tests must run, but " + missingReason);
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>
    /// A fresh, isolated page; skips the calling test when Chromium is not installed. <paramref name="bypassCsp"/> lets
    /// a test load an outside checker's script (axe) into a page whose Content-Security-Policy would refuse it.
    /// </summary>
    public async Task<IPage> NewPageAsync(bool bypassCsp = false)
    {
        Assert.SkipWhen(missingReason is not null, missingReason ?? "");
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BypassCSP = bypassCsp });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
