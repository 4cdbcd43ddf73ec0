using Microsoft.Playwright;

namespace DpoDesk.Browser.Tests;

/// <summary>Debian's Chromium, started the same way for every browser test.</summary>
static class Chromium
{
    public static readonly string Path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    /// <summary>Skips the test on a developer's machine without Chromium; on CI a missing browser fails instead.</summary>
    public static void SkipUnlessInstalled() =>
        Assert.SkipWhen(!File.Exists(Path) && Environment.GetEnvironmentVariable("CI") is null,
            $"No Chromium at {Path}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
