using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DpoDesk.Browser.Tests;

/// <summary>DpoDesk on a real port, used by Debian's Chromium the way a person would.</summary>
public sealed class BrowserApp : DpoDeskApp
{
    public BrowserApp()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Settings["Portal:PublicUrl"] = BaseUrl;
        UseKestrel(port);
    }

    public string BaseUrl { get; }
}

public sealed class PortalInBrowserTests : IAsyncLifetime
{
    readonly BrowserApp _app = new();
    IPlaywright? _playwright;
    IBrowser? _browser;


    /// <summary>
    /// On a developer's machine without Chromium the browser tests are skipped, saying why; in CI
    /// (<c>CI</c> set) a missing browser is a failure, so the tests can never pass by not running.
    /// </summary>
    static void RequireChromium() =>
        Chromium.SkipUnlessInstalled();

    public async ValueTask InitializeAsync()
    {
        RequireChromium();
        await _app.InitializeAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_person_fills_the_form_without_javascript_confirms_and_gets_the_result()
    {
        // Forms must work with JavaScript off; the scan runs in a second context that has it.
        await using var noScript = await _browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "pl-PL" });
        var page = await noScript.NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/");
        Assert.Equal("Twoje dane u nas — Inspektor Ochrony Danych", await page.TitleAsync());

        // First, a mistake: no e-mail and nothing ticked.
        await page.GetByLabel("Imię i nazwisko").FillAsync("Zofia Wiśniewska");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wypisz mnie" }).ClickAsync();
        Assert.True(await page.GetByRole(AriaRole.Alert).IsVisibleAsync());
        Assert.Contains("Podaj adres e-mail", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(async p =>
        {
            await p.GotoAsync(_app.BaseUrl + "/");
            await p.GetByLabel("Imię i nazwisko").FillAsync("Zofia Wiśniewska");
            await p.GetByRole(AriaRole.Button, new() { Name = "Wypisz mnie" }).ClickAsync();
            await p.GetByRole(AriaRole.Alert).WaitForAsync();
        });

        var email = DpoDeskApp.UniqueEmail("zofia.wisniewska");
        await _app.ImportCsvAsync($"name,email,phone\nZofia Wiśniewska,{email},+48 601 234 999\n", source: "KRS (test)");
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        await page.GetByLabel("Numer telefonu (nieobowiązkowo)").FillAsync("601 234 999");
        await page.GetByLabel("Usuńcie moje dane").CheckAsync();
        await page.GetByLabel("Powiedzcie mi, skąd macie moje dane").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Wypisz mnie" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Zgłoszenie przyjęte" }).WaitForAsync();
        var number = await page.Locator(".number").InnerTextAsync();
        Assert.Matches(DpoDeskApp.NumberPattern(), number);
        Assert.Contains("spam", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var submittedUrl = page.Url;
        await AssertAccessibleAsync(p => p.GotoAsync(submittedUrl));

        var confirmation = await _app.Smtp.WaitForAsync(email, number);
        var link = System.Text.RegularExpressions.Regex.Match(confirmation.TextBody ?? "", @"http://127\.0\.0\.1:\d+/potwierdz/\S+").Value;
        await page.GotoAsync(link);
        // Opening the link changes nothing (mail scanners open links too), so the scan may open it as well.
        await AssertAccessibleAsync(p => p.GotoAsync(link));
        await page.GetByRole(AriaRole.Button, new() { Name = "Potwierdzam zgłoszenie" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Zgłoszenie potwierdzone" }).WaitForAsync();

        var result = await _app.Smtp.WaitForAsync(email, "zrealizowane");
        Assert.Contains("KRS (test)", result.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await _app.CountContactsAsync(email));

        await page.GotoAsync(_app.BaseUrl + "/status");
        await page.GetByLabel("Numer zgłoszenia").FillAsync(number);
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź", Exact = true }).ClickAsync();
        Assert.Contains("Zrealizowane", await page.Locator(".result").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(async p =>
        {
            await p.GotoAsync(_app.BaseUrl + "/status");
            await p.GetByLabel("Numer zgłoszenia").FillAsync(number);
            await p.GetByLabel("Adres e-mail").FillAsync(email);
            await p.GetByRole(AriaRole.Button, new() { Name = "Sprawdź", Exact = true }).ClickAsync();
            await p.Locator(".result").WaitForAsync();
        });
    }

    [Fact]
    public async Task The_english_switch_works_as_a_plain_link()
    {
        await using var noScript = await _browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await noScript.NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe me" }).WaitForAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await AssertAccessibleAsync(async p =>
        {
            await p.GotoAsync(_app.BaseUrl + "/jezyk/en");
            await p.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe me" }).WaitForAsync();
        });
    }

    [Fact]
    public async Task Staff_sign_in_and_read_the_request_desk_without_javascript()
    {
        await using var noScript = await _browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await noScript.NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/");
        await page.GetByLabel("Imię i nazwisko").FillAsync("Halina <b>Biurowa</b>");
        await page.GetByLabel("Adres e-mail").FillAsync(DpoDeskApp.UniqueEmail("biuro"));
        await page.GetByLabel("Usuńcie moje dane").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Wypisz mnie" }).ClickAsync();
        var number = await page.Locator(".number").InnerTextAsync();
        await _app.AllDeliveredAsync(number);

        await SignInAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Zgłoszenie {number}" }).WaitForAsync();
        Assert.Contains("Halina <b>Biurowa</b>", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var requestUrl = page.Url;

        await AssertAccessibleAsync(SignInAsync);
        await AssertAccessibleAsync(async p => { await SignInAsync(p); await p.GotoAsync(requestUrl); });
        await AssertAccessibleAsync(async p => { await SignInAsync(p); await p.GotoAsync(_app.BaseUrl + "/office/outbox"); });

        await page.GetByRole(AriaRole.Button, new() { Name = "Wyloguj" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Logowanie do biura IOD" }).WaitForAsync();
        await page.GotoAsync(requestUrl);
        Assert.Contains("/office/sign-in", page.Url, StringComparison.Ordinal);
    }

    async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(_app.BaseUrl + "/office");
        await page.GetByLabel("Adres e-mail").FillAsync(DpoDeskApp.AdminEmail);
        await page.GetByLabel("Hasło").FillAsync(DpoDeskApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Zgłoszenia", Exact = true }).WaitForAsync();
    }

    /// <summary>Opens a page in a context with scripts on (axe needs them) and fails on serious or critical violations.</summary>
    async Task AssertAccessibleAsync(Func<IPage, Task> open)
    {
        // The pages allow no scripts (CSP); axe is injected past that, for the scan only.
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await open(page);
        AxeResult result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // the scan really ran
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
