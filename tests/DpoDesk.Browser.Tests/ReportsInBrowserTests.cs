using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace DpoDesk.Browser.Tests;

/// <summary>DpoDesk on a real port with the reports' known data.</summary>
public sealed class BrowserReportsApp : DpoDeskApp
{
    public BrowserReportsApp()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Settings["Portal:PublicUrl"] = BaseUrl;
        UseKestrel(port);
    }

    public string BaseUrl { get; }
}

/// <summary>The front page's "today" panel and the reports page in Debian's Chromium, with JavaScript off, and their accessibility.</summary>
public sealed class ReportsInBrowserTests : IAsyncLifetime
{
    readonly BrowserReportsApp _app = new();
    IPlaywright? _playwright;
    IBrowser? _browser;


    public async ValueTask InitializeAsync()
    {
        Chromium.SkipUnlessInstalled();
        await _app.InitializeAsync();
        await ReportSeed.SeedAsync(_app, DateTime.UtcNow);
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(_app.BaseUrl + "/office/sign-in");
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        await page.GetByLabel("Hasło").FillAsync(DpoDeskApp.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj" }).ClickAsync();
    }

    [Fact]
    public async Task The_dpo_sees_todays_work_then_the_years_charts_and_downloads_the_annual_report()
    {
        var dpo = await _app.CreateStaffAsync(StaffRoles.Dpo);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "pl-PL", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page, dpo);

        var today = page.GetByRole(AriaRole.Region, new() { Name = "Na dziś" });
        await today.WaitForAsync();
        Assert.Equal("Żądania po upływie terminu ustawowego: 2", (await today.GetByRole(AriaRole.Link, new() { Name = "Żądania po upływie terminu ustawowego" }).InnerTextAsync()).Trim());
        Assert.Equal("Pytania do IOD bez odpowiedzi: 2", (await today.GetByRole(AriaRole.Link, new() { Name = "Pytania do IOD bez odpowiedzi" }).InnerTextAsync()).Trim());
        await today.GetByRole(AriaRole.Link, new() { Name = "Żądania po upływie terminu ustawowego" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = ReportSeed.OverdueNumber }).WaitForAsync();
        Assert.Equal(2, await page.Locator("table tbody tr").CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Raporty" }).ClickAsync();
        await page.GetByLabel("Rok").SelectOptionAsync(ReportSeed.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Pokaż" }).ClickAsync();
        await page.GetByText("Okres: rok 2025.").WaitForAsync();
        Assert.Equal(9, await page.Locator("svg[role=img]").CountAsync());
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Czas od wpływu do odpowiedzi" });
        Assert.Equal(6, await chart.Locator("rect[fill^='url(']").CountAsync() - 1);
        var time = page.GetByRole(AriaRole.Table, new() { Name = "Czas od wpływu do odpowiedzi" });
        Assert.Equal("3 (50,0 %)", (await time.GetByRole(AriaRole.Row, new() { Name = "w ciągu 72 godzin" }).Locator("td").InnerTextAsync()).Trim());
        var types = page.GetByRole(AriaRole.Table, new() { Name = "Zgłoszenia według miesiąca i rodzaju" });
        Assert.Equal(["Razem", "5", "2", "1", "7"], (await types.GetByRole(AriaRole.Row, new() { Name = "Razem" }).Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim()));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Roczny raport IOD dla zarządu za 2025 (PDF)" }).ClickAsync());
        Assert.Equal("raport-iod-2025.pdf", download.SuggestedFilename);
        using var pdf = PdfDocument.Open(await download.PathAsync());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Zgłoszenia przyjęte: 7 (usunięcie danych: 5, źródło danych: 2, sprzeciw wobec udostępniania: 1)", text, StringComparison.Ordinal);
        Assert.Contains("Naruszenia według wagi (ENISA)", text, StringComparison.Ordinal);

        await AssertNoViolationsAsync(dpo, "/office");
        await AssertNoViolationsAsync(dpo, "/office/reports?rok=2025");
        await AssertNoViolationsAsync(dpo, "/office/reports?rok=abc");
    }

    /// <summary>Opens a page with scripts on (axe needs them) and fails on any violation at all.</summary>
    async Task AssertNoViolationsAsync(string email, string path)
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);
        await page.GotoAsync(_app.BaseUrl + path);
        AxeResult result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, path + "\n" + string.Join("\n", result.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
