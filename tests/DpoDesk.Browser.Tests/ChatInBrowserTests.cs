using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DpoDesk.Chat;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DpoDesk.Browser.Tests;

/// <summary>The chat in Debian's Chromium: a person and an operator in two browser contexts, live, under the pages' real CSP.</summary>
public sealed class ChatInBrowserTests : IAsyncLifetime
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

    Task<int> SetHoursAsync(OfficeHours hours) => _app.QueryAsync(async db =>
    {
        await hours.SaveAsync(db, CancellationToken.None);
        return await db.SaveChangesAsync();
    });

    static readonly OfficeHours AllWeek = new(OfficeHours.Week.ToDictionary(d => d, _ => (TimeOnly.MinValue, new TimeOnly(23, 59))));

    async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(_app.BaseUrl + "/office/sign-in");
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        await page.GetByLabel("Hasło").FillAsync(DpoDeskApp.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Marks the page, so that seeing the mark later proves it was not reloaded.</summary>
    static async Task MarkAsync(IPage page) => await page.EvaluateAsync("() => { window.notReloaded = true; }");

    static async Task AssertNotReloadedAsync(IPage page) => Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));

    [Fact]
    public async Task A_person_and_an_operator_chat_live_each_seeing_the_other_without_reloading()
    {
        await SetHoursAsync(AllWeek);
        var operatorEmail = await _app.CreateStaffAsync(StaffRoles.Operator);
        await using var office = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "pl-PL" });
        var operatorPage = await office.NewPageAsync();
        await SignInAsync(operatorPage, operatorEmail);
        await operatorPage.GotoAsync(_app.BaseUrl + "/office/chat");
        await operatorPage.Locator("#chat-queue[data-connected=true]").WaitForAsync();

        await using var portal = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "pl-PL" });
        var person = await portal.NewPageAsync();
        await person.GotoAsync(_app.BaseUrl + "/czat");
        await person.GetByText("Biuro IOD dyżuruje teraz na czacie.").WaitForAsync();
        var first = $"Dzień dobry, mam pytanie o moje prawa {Guid.NewGuid():N}";
        await person.GetByLabel("Twoja wiadomość").FillAsync(first);
        await person.GetByRole(AriaRole.Button, new() { Name = "Wyślij", Exact = true }).ClickAsync();
        await person.Locator("#transcript").GetByText(first).WaitForAsync();
        await person.Locator("#transcript[data-connected=true]").WaitForAsync();

        // The queue learns of the new chat by itself.
        var chatLink = operatorPage.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Czat nr \\d+$") });
        await chatLink.First.ClickAsync();
        await operatorPage.Locator("#transcript").GetByText(first).WaitForAsync();
        await operatorPage.Locator("#transcript[data-connected=true]").WaitForAsync();
        await MarkAsync(operatorPage);
        await MarkAsync(person);

        var answer = $"Dzień dobry, chętnie pomogę {Guid.NewGuid():N}";
        await operatorPage.GetByLabel("Twoja odpowiedź").FillAsync(answer);
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Wyślij", Exact = true }).ClickAsync();
        await person.Locator("#transcript .chat-staff").GetByText(answer).WaitForAsync();
        await person.Locator("#transcript").GetByText("Konsultant biura IOD dołączył do rozmowy.").WaitForAsync();
        await AssertNotReloadedAsync(person);
        Assert.Equal("", await operatorPage.GetByLabel("Twoja odpowiedź").InputValueAsync());

        var second = $"Dziękuję, a skąd macie moje dane? {Guid.NewGuid():N}";
        await person.GetByLabel("Twoja wiadomość").FillAsync(second);
        await person.GetByRole(AriaRole.Button, new() { Name = "Wyślij", Exact = true }).ClickAsync();
        await operatorPage.Locator("#transcript .chat-visitor").GetByText(second).WaitForAsync();
        await AssertNotReloadedAsync(operatorPage);

        // A refusal shows in the person's language, and the message stays in the box.
        await person.GetByLabel("Twoja wiadomość").FillAsync("   ");
        await person.GetByRole(AriaRole.Button, new() { Name = "Wyślij", Exact = true }).ClickAsync();
        await person.GetByRole(AriaRole.Alert).GetByText("Napisz wiadomość.").WaitForAsync();
        await AssertNotReloadedAsync(person);
    }

    [Fact]
    public async Task The_chat_pages_pass_the_accessibility_scan_in_polish_and_in_english()
    {
        await SetHoursAsync(AllWeek);
        var dpoEmail = await _app.CreateStaffAsync(StaffRoles.Dpo);
        // An operator on duty with the page open, and a chat with messages both ways.
        await using var office = await _browser!.NewContextAsync();
        var operatorPage = await office.NewPageAsync();
        await SignInAsync(operatorPage, dpoEmail);
        await operatorPage.GotoAsync(_app.BaseUrl + "/office/chat");
        await using var portal = await _browser.NewContextAsync();
        var person = await portal.NewPageAsync();
        await person.GotoAsync(_app.BaseUrl + "/czat");
        await person.GetByLabel("Twoja wiadomość").FillAsync("Czy mogę zapytać o RODO?");
        await person.GetByRole(AriaRole.Button, new() { Name = "Wyślij", Exact = true }).ClickAsync();
        await person.Locator("#transcript[data-connected=true]").WaitForAsync();
        var id = await _app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.ChatConversations, c => c.Id));

        await AssertAccessibleAsync(async p => await p.GotoAsync(_app.BaseUrl + "/czat"), "Czat z Inspektorem Ochrony Danych");
        await AssertAccessibleAsync(async p =>
        {
            await p.GotoAsync(_app.BaseUrl + "/czat");
            await p.GetByRole(AriaRole.Button, new() { Name = "Wyślij", Exact = true }).ClickAsync();
            await p.GetByRole(AriaRole.Alert).WaitForAsync();
        }, "Napisz wiadomość.");
        // The office's pages are scanned signed in once, in a context of their own.
        await using var staff = await _browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        staff.SetDefaultTimeout(60_000);
        var signIn = await staff.NewPageAsync();
        await SignInAsync(signIn, dpoEmail);
        await signIn.CloseAsync();
        await AssertAccessibleAsync(async p => await p.GotoAsync(_app.BaseUrl + "/office/chat"), "Czekają na konsultanta", staff);
        await AssertAccessibleAsync(async p => await p.GotoAsync(_app.BaseUrl + $"/office/chat/{id}"), "Czy mogę zapytać o RODO?", staff);
        await AssertAccessibleAsync(async p => await p.GotoAsync(_app.BaseUrl + "/office/chat/hours"), "Godziny dyżuru na czacie", staff);
        await AssertAccessibleAsync(async p => { await p.GotoAsync(_app.BaseUrl + "/jezyk/en?wroc=/czat"); }, "Chat with the Data Protection Officer");
        await AssertAccessibleAsync(async p => await p.GotoAsync(_app.BaseUrl + $"/jezyk/en?wroc=/office/chat/{id}"), "Pick up the conversation", staff);

        // Off duty: the page says so and offers to leave a message.
        await SetHoursAsync(new OfficeHours(new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)>()));
        await AssertAccessibleAsync(async p => await p.GotoAsync(_app.BaseUrl + "/czat"), "Zostaw wiadomość");
        await AssertAccessibleAsync(async p => await p.GotoAsync(_app.BaseUrl + "/jezyk/en?wroc=/czat"), "Leave a message");
    }

    /// <summary>Scans a page opened in <paramref name="signedIn"/>, or in a new context of its own (a new visitor).</summary>
    async Task AssertAccessibleAsync(Func<IPage, Task> open, string expectedText, IBrowserContext? signedIn = null)
    {
        // axe is injected past the pages' CSP, for the scan only.
        await using var fresh = signedIn is null ? await _browser!.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true }) : null;
        var context = signedIn ?? fresh!;
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await open(page);
        await page.GetByText(expectedText).First.WaitForAsync();
        AxeResult result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{page.Url} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
