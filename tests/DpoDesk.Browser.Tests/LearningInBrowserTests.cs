using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DpoDesk.Browser.Tests;

/// <summary>The knowledge base and staff training in Debian's Chromium: a course taken to its certificate, and every page scanned.</summary>
public sealed class LearningInBrowserTests : IAsyncLifetime
{
    readonly BrowserApp _app = new();
    IPlaywright? _playwright;
    IBrowser? _browser;


    public async ValueTask InitializeAsync()
    {
        Chromium.SkipUnlessInstalled();
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

    async Task<IPage> NoScriptPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "pl-PL", AcceptDownloads = true });
        return await context.NewPageAsync();
    }

    async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(_app.BaseUrl + "/office/sign-in");
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        await page.GetByLabel("Hasło").FillAsync(DpoDeskApp.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj" }).ClickAsync();
    }

    [Fact]
    public async Task A_member_of_staff_takes_the_course_passes_and_reads_the_certificate_and_the_dpo_sees_them_trained()
    {
        var operatorEmail = await _app.CreateStaffAsync(StaffRoles.Operator);
        var page = await NoScriptPageAsync();
        await SignInAsync(page, operatorEmail);
        await page.GetByRole(AriaRole.Link, new() { Name = "Szkolenia", Exact = true }).ClickAsync();
        Assert.Contains("Nieukończone", await page.GetByRole(AriaRole.Table).InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rozpocznij kurs „RODO w pracy biura IOD”" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Tożsamość: nigdy na samo imię i nazwisko" }).WaitForAsync();
        foreach (var lesson in new[] { "Telefon: informujemy, nie przyjmujemy zgłoszeń", "Terminy", "Naruszenia i poufność" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Następna lekcja" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = lesson, Level = 1 }).WaitForAsync();
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Przejdź do testu" }).ClickAsync();

        // One answer left out first: a clear message, nothing recorded.
        await page.GetByLabel("Kieruję go do formularza: odpowiedź o źródle dostanie po potwierdzeniu adresu e-mail").CheckAsync();
        await page.GetByLabel("Wyjaśniam, że zgłoszenia przyjmujemy przez formularz lub listem, i podaję adresy").CheckAsync();
        await page.GetByLabel("Miesiąc od otrzymania, z możliwością przedłużenia o dwa miesiące").CheckAsync();
        await page.GetByLabel("Od razu zgłaszam to IOD: na zgłoszenie do UODO jest 72 godziny").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź odpowiedzi" }).ClickAsync();
        Assert.Contains("Odpowiedz na pytanie 5. Nic nie zostało zapisane.", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByLabel("Miesiąc od otrzymania, z możliwością przedłużenia o dwa miesiące").IsCheckedAsync());

        await page.GetByLabel("Wykorzystać je tylko do wykonania swoich obowiązków").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź odpowiedzi" }).ClickAsync();
        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        Assert.Contains("Zaliczone", status, StringComparison.Ordinal);
        Assert.Contains("Twój wynik: 100% (5 z 5)", status, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Pobierz zaświadczenie (PDF)" }).ClickAsync());
        var text = DpoDeskApp.PdfText(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));
        Assert.Contains("Zaświadczenie o ukończeniu szkolenia", text, StringComparison.Ordinal);
        Assert.Contains("Test operator", text, StringComparison.Ordinal);
        Assert.Contains(operatorEmail, text, StringComparison.Ordinal);
        Assert.Contains("RODO w pracy biura IOD", text, StringComparison.Ordinal);
        Assert.Contains("100% (5 z 5 odpowiedzi poprawnych)", text, StringComparison.Ordinal);
        Assert.Contains(DpoDesk.Requests.Deadlines.PolishDate(DateTime.UtcNow).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("pl-PL")), text, StringComparison.Ordinal);

        var dpoEmail = await _app.CreateStaffAsync(StaffRoles.Dpo);
        var dpo = await NoScriptPageAsync();
        await SignInAsync(dpo, dpoEmail);
        await dpo.GetByRole(AriaRole.Link, new() { Name = "Szkolenia", Exact = true }).ClickAsync();
        await dpo.GetByRole(AriaRole.Link, new() { Name = "Kto jest przeszkolony" }).ClickAsync();
        var row = dpo.GetByRole(AriaRole.Row).Filter(new() { HasText = operatorEmail });
        Assert.Contains("Ważne do", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Nieukończone", await dpo.GetByRole(AriaRole.Row).Filter(new() { HasText = dpoEmail }).InnerTextAsync(), StringComparison.Ordinal);

        var courseUrl = page.Url;
        foreach (var path in new[] { "/office/training", "/office/training/overview", "/office/training/courses/edit", "/office/knowledge", "/office/knowledge/edit", "/office/knowledge/edit/twoje-prawa?language=pl&version=1" })
            await AssertAccessibleAsync(dpoEmail, path);
        await AssertAccessibleAsync(operatorEmail, new Uri(courseUrl).AbsolutePath.Replace("/quiz", "", StringComparison.Ordinal));
        await AssertAccessibleAsync(operatorEmail, new Uri(courseUrl).AbsolutePath, async p =>
        {
            await p.GetByRole(AriaRole.Button, new() { Name = "Sprawdź odpowiedzi" }).ClickAsync();
            await p.GetByRole(AriaRole.Alert).WaitForAsync();
        });
        await AssertAccessibleAsync(dpoEmail, "/office/knowledge/edit/twoje-prawa?language=pl", async p =>
        {
            await p.GetByRole(AriaRole.Button, new() { Name = "Podgląd" }).ClickAsync();
            await p.GetByRole(AriaRole.Heading, new() { Name = "Podgląd (niezapisany)" }).WaitForAsync();
        });
    }

    [Fact]
    public async Task The_public_knowledge_pages_read_in_both_languages_and_pass_the_accessibility_scan()
    {
        var page = await NoScriptPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Twoje dane i prawa" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ile to trwa" }).ClickAsync();
        Assert.Contains("Najpóźniej w 72 godziny", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "How long it takes", Level = 1 }).WaitForAsync();
        Assert.Contains("The legal limit is one month", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(_app.BaseUrl + "/wiedza/przewodnik-dla-licencjobiorcow");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as PDF" }).ClickAsync());
        var text = DpoDeskApp.PdfText(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));
        Assert.Contains("Electronic Communications Law", text, StringComparison.Ordinal);

        foreach (var path in new[] { "/wiedza", "/wiedza/jakie-dane-i-dlaczego", "/wiedza/skad-mamy-dane", "/wiedza/twoje-prawa", "/wiedza/ile-to-trwa", "/wiedza/kontakt-z-iod", "/wiedza/przewodnik-dla-licencjobiorcow", "/wiedza?lang=en", "/wiedza/twoje-prawa?lang=en" })
            await AssertAccessibleAsync(null, path);
    }

    /// <summary>Opens a page (signed in when an e-mail is given) with scripts on, for axe, and fails on any violation.</summary>
    async Task AssertAccessibleAsync(string? email, string path, Func<IPage, Task>? then = null)
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        if (email is not null)
            await SignInAsync(page, email);
        await page.GotoAsync(_app.BaseUrl + path);
        if (then is not null)
            await then(page);
        AxeResult result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, page.Url + "\n" + string.Join("\n", result.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
