using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using MimeKit;
using UglyToad.PdfPig;

namespace DpoDesk.Browser.Tests;

/// <summary>DpoDesk with the DPO mailbox (Dovecot) on a real port, for the office's browser tests.</summary>
public sealed class BrowserOfficeApp : MailboxApp
{
    public BrowserOfficeApp()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Settings["Portal:PublicUrl"] = BaseUrl;
        UseKestrel(port);
    }

    public string BaseUrl { get; }
}

/// <summary>The DPO's office in Debian's Chromium, with JavaScript off: sign-in with 2FA, the queue, post, inquiries, the audit check.</summary>
public sealed class OfficeInBrowserTests : IAsyncLifetime
{
    readonly BrowserOfficeApp _app = new();
    IPlaywright? _playwright;
    IBrowser? _browser;


    public async ValueTask InitializeAsync()
    {
        Chromium.SkipUnlessInstalled();
        DovecotServer.SkipUnlessInstalled();
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

    async Task SignInAsync(IPage page, string email, string password = DpoDeskApp.StaffPassword)
    {
        await page.GotoAsync(_app.BaseUrl + "/office/sign-in");
        await page.GetByLabel("Adres e-mail").FillAsync(email);
        await page.GetByLabel("Hasło").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj" }).ClickAsync();
    }

    [Fact]
    public async Task A_member_of_staff_turns_on_two_factor_sign_in_and_then_signs_in_with_a_code()
    {
        var email = await _app.CreateStaffAsync(StaffRoles.Operator);
        var page = await NoScriptPageAsync();
        await SignInAsync(page, email);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Zgłoszenia", Exact = true }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Moje konto" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ustawienia" }).ClickAsync();
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await AssertAccessibleAsync(async p => { await SignInAsync(p, email); await p.GotoAsync(_app.BaseUrl + "/office/account/two-factor"); });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Kod" }).FillAsync(DpoDeskApp.TotpCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Włącz" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Włączone. Zapisz kody odzyskiwania" }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Wyloguj" }).ClickAsync();
        await SignInAsync(page, email);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Kod z aplikacji uwierzytelniającej" }).WaitForAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Kod" }).FillAsync(DpoDeskApp.TotpCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Zgłoszenia", Exact = true }).WaitForAsync();
        await AssertAccessibleAsync(async p => { await SignInAsync(p, email); await p.GetByRole(AriaRole.Textbox, new() { Name = "Kod" }).WaitForAsync(); });
        await AssertAccessibleAsync(async p => { await SignInAsync(p, DpoDeskApp.AdminEmail, DpoDeskApp.AdminPassword); await p.GotoAsync(_app.BaseUrl + "/office/staff"); });
        await AssertAccessibleAsync(async p => { await SignInAsync(p, DpoDeskApp.AdminEmail, DpoDeskApp.AdminPassword); await p.GotoAsync(_app.BaseUrl + "/office/account"); });
    }

    [Fact]
    public async Task A_postal_request_goes_from_intake_through_the_queue_to_a_printed_letter()
    {
        var operatorEmail = await _app.CreateStaffAsync(StaffRoles.Operator);
        var person = DpoDeskApp.UniqueEmail("papierowa");
        await _app.ImportCsvAsync($"name,email,phone,company\nPaula Papierowa,{person},,Kartonex sp. z o.o.\n", source: "REGON (test)");
        var page = await NoScriptPageAsync();
        await SignInAsync(page, operatorEmail);

        await page.GetByRole(AriaRole.Link, new() { Name = "Zarejestruj zgłoszenie pocztowe" }).ClickAsync();
        await page.GetByLabel("usunięcie").CheckAsync();
        await page.GetByLabel("Imię i nazwisko").FillAsync("Paula Papierowa");
        await page.GetByLabel("Adres pocztowy (na niego wyślemy list)").FillAsync("ul. Leśna 7\n80-001 Gdańsk");
        await page.GetByLabel("Adres e-mail, jeśli podany w liście").FillAsync(person);
        await page.GetByLabel("Data wpływu listu").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Skan listu (PDF, JPEG lub PNG, do 10 MB)").SetInputFilesAsync(new FilePayload { Name = "list.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zarejestruj", Exact = true }).ClickAsync();
        await page.GetByText("Czeka na weryfikację").First.WaitForAsync();
        var number = DpoDeskApp.NumberPattern().Match(await page.Locator("h1").InnerTextAsync()).Value;
        var requestUrl = page.Url.Split('?')[0];
        await AssertAccessibleAsync(async p => { await SignInAsync(p, operatorEmail); await p.GotoAsync(_app.BaseUrl + "/office/requests/postal"); });
        await AssertAccessibleAsync(async p => { await SignInAsync(p, operatorEmail); await p.GotoAsync(requestUrl); });

        // The queue: the new request shows in "Nowe", and the search finds it by its e-mail.
        await page.GotoAsync(_app.BaseUrl + "/office");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nowe" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = number }).WaitForAsync();
        await page.GetByLabel("Szukaj: numer, e-mail lub telefon").FillAsync(person.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Pokaż" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = number }).WaitForAsync();
        await AssertAccessibleAsync(async p => { await SignInAsync(p, operatorEmail); await p.GotoAsync(_app.BaseUrl + "/office?widok=wkrotce&kanal=Post"); });

        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await page.GetByLabel("Co sprawdzono (np. podpis, adres nadawcy)").FillAsync("Podpis zgodny.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zweryfikowane — realizuj" }).ClickAsync();
        await _app.WaitForStateAsync(number, Requests.RequestState.Completed);
        await page.ReloadAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Odpowiedź (PDF)" }).ClickAsync());
        var path = await download.PathAsync();
        using var pdf = PdfDocument.Open(path);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Paula Papierowa", text, StringComparison.Ordinal);
        Assert.Contains("Gdańsk", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        await _app.Smtp.WaitForAsync(person, $"Zgłoszenie {number} zostało zrealizowane");
    }

    [Fact]
    public async Task An_e_mail_to_the_dpo_becomes_an_inquiry_answered_from_the_office()
    {
        var operatorEmail = await _app.CreateStaffAsync(StaffRoles.Operator);
        var person = DpoDeskApp.UniqueEmail("pytajaca");
        var question = new MimeMessage { Subject = "Pytanie o moje dane", MessageId = $"{Guid.NewGuid():N}@poczta.example" };
        question.From.Add(new MailboxAddress("Irena Pytająca", person));
        question.To.Add(MailboxAddress.Parse("iod@dpodesk.test"));
        question.Body = new TextPart("plain") { Text = "Czy macie moje dane w swojej bazie?" };
        await _app.Imap.DeliverAsync(question);

        var page = await NoScriptPageAsync();
        await SignInAsync(page, operatorEmail);
        await page.GetByRole(AriaRole.Link, new() { Name = "Zapytania" }).First.ClickAsync();
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Pytanie o moje dane" });
        for (var i = 0; i < 50 && await link.CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }
        await link.ClickAsync();
        Assert.Contains("Czy macie moje dane w swojej bazie?", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var inquiryUrl = page.Url;
        await AssertAccessibleAsync(async p => { await SignInAsync(p, operatorEmail); await p.GotoAsync(inquiryUrl); });
        await AssertAccessibleAsync(async p => { await SignInAsync(p, operatorEmail); await p.GotoAsync(_app.BaseUrl + "/office/inquiries"); });

        await page.GetByLabel($"Odpowiedź do {person}").FillAsync("Dzień dobry, sprawdziliśmy: nie mamy Pani danych.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wyślij odpowiedź" }).ClickAsync();
        await page.GetByText("Odpowiedź wysłana.").WaitForAsync();
        var reply = await _app.Smtp.WaitForAsync(person, "Re: Pytanie o moje dane");
        Assert.Equal(question.MessageId, reply.InReplyTo);
    }

    [Fact]
    public async Task An_auditor_checks_the_audit_trail_and_the_office_pages_pass_the_accessibility_scan()
    {
        var auditorEmail = await _app.CreateStaffAsync(StaffRoles.Auditor);
        var page = await NoScriptPageAsync();
        await SignInAsync(page, auditorEmail);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dziennik zdarzeń" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Łańcuch nienaruszony" }).WaitForAsync();
        Assert.Contains("staff.signed-in", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(async p => { await SignInAsync(p, auditorEmail); await p.GotoAsync(_app.BaseUrl + "/office/audit"); });

        var dpo = await _app.CreateStaffAsync(StaffRoles.Dpo);
        foreach (var path in new[] { "/office/templates", "/office/templates/refusal/pl", "/office/phone", "/office/outbox" })
            await AssertAccessibleAsync(async p => { await SignInAsync(p, dpo); await p.GotoAsync(_app.BaseUrl + path); });
    }

    [Fact]
    public async Task A_breach_goes_from_its_record_to_the_notification_pdf()
    {
        var dpo = await _app.CreateStaffAsync(StaffRoles.Dpo);
        var page = await NoScriptPageAsync();
        await SignInAsync(page, dpo);
        await page.GetByRole(AriaRole.Link, new() { Name = "Naruszenia" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Zarejestruj naruszenie" }).ClickAsync();
        await AssertAccessibleAsync(async p => { await SignInAsync(p, dpo); await p.GotoAsync(_app.BaseUrl + "/office/breaches/edit"); });
        await page.GetByLabel("Tytuł").FillAsync("Zgubiony laptop handlowca");
        await page.GetByLabel("Charakter naruszenia (opis)").FillAsync("Laptop z nieszyfrowaną kopią listy klientów zgubiony w pociągu.");
        await page.GetByLabel("Rodzaj incydentu").SelectOptionAsync("LostOrStolenDevice");
        await page.GetByLabel("Przybliżona liczba osób").FillAsync("350");
        await page.GetByLabel("Przybliżona liczba wpisów").FillAsync("350");
        await page.GetByLabel("finansowe (np. dochody, transakcje) — 3").CheckAsync();
        await page.GetByLabel("Łatwość identyfikacji").SelectOptionAsync("Significant");
        await page.GetByLabel("Utrata poufności").SelectOptionAsync("UnknownRecipients");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz", Exact = true }).ClickAsync();

        // 3 × 0.75 + 0.5 = 2.75: medium.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Waga naruszenia (ENISA): średnia, 2.75" }).WaitForAsync();
        var breachUrl = page.Url;
        await AssertAccessibleAsync(async p => { await SignInAsync(p, dpo); await p.GotoAsync(breachUrl); });
        await page.GetByLabel("tak — naruszenie może powodować ryzyko").CheckAsync();
        await page.GetByLabel("Uzasadnienie", new() { Exact = true }).FillAsync("Dane finansowe, nieznani odbiorcy.");
        await page.GetByLabel("nie", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Uzasadnienie co do osób").FillAsync("Ryzyko średnie, nie wysokie.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz decyzje" }).ClickAsync();
        await page.GetByText("Decyzje zapisane.").WaitForAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Zgłoszenie do UODO (PDF)" }).ClickAsync());
        using var pdf = PdfDocument.Open(await download.PathAsync());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("nieszyfrowaną", text, StringComparison.Ordinal);
        Assert.Contains("pociągu", text, StringComparison.Ordinal);
        Assert.Contains("ENISA: 2,75", text, StringComparison.Ordinal);
        await AssertAccessibleAsync(async p => { await SignInAsync(p, dpo); await p.GotoAsync(_app.BaseUrl + "/office/breaches"); });
    }

    [Fact]
    public async Task A_regulator_case_goes_from_its_letter_to_the_evidence_pack()
    {
        var lawyer = await _app.CreateStaffAsync(StaffRoles.Lawyer);
        var page = await NoScriptPageAsync();
        await SignInAsync(page, lawyer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sprawy UODO" }).ClickAsync();
        await AssertAccessibleAsync(async p => { await SignInAsync(p, lawyer); await p.GotoAsync(_app.BaseUrl + "/office/cases"); });
        await page.GetByLabel("Sygnatura UODO (np. DKN.5101.192.2020)").FillAsync("DS.523.5569.2021");
        await page.GetByLabel("Czego dotyczy").FillAsync("Skarga na udostępnianie danych mimo sprzeciwu.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Załóż sprawę" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sprawa UODO DS.523.5569.2021" }).WaitForAsync();

        await page.GetByLabel("Tytuł pisma").FillAsync("Wezwanie do złożenia wyjaśnień");
        await page.GetByLabel("Data doręczenia lub wysłania").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Dni na odpowiedź (pismo od UODO)").FillAsync("7");
        await page.GetByLabel("Dokument (PDF, do 10 MB)").SetInputFilesAsync(new FilePayload { Name = "wezwanie.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Dodaj pismo" }).ClickAsync();
        await page.GetByText("Zapisano.").WaitForAsync();
        var caseUrl = page.Url.Split('?')[0];
        await AssertAccessibleAsync(async p => { await SignInAsync(p, lawyer); await p.GotoAsync(caseUrl); });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Pakiet dowodowy (PDF)" }).ClickAsync());
        using var pdf = PdfDocument.Open(await download.PathAsync());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("DS.523.5569.2021", text, StringComparison.Ordinal);
        Assert.Contains("Wezwanie", text, StringComparison.Ordinal);
        Assert.Contains("nienaruszony", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dpia_goes_from_screening_to_sign_off()
    {
        var dpo = await _app.CreateStaffAsync(StaffRoles.Dpo);
        var page = await NoScriptPageAsync();
        await SignInAsync(page, dpo);
        await page.GotoAsync(_app.BaseUrl + "/office/dpia");
        await AssertAccessibleAsync(async p => { await SignInAsync(p, dpo); await p.GotoAsync(_app.BaseUrl + "/office/dpia"); });
        await page.GetByLabel("Czynność przetwarzania").FillAsync("Profilowanie kontaktów dla klientów");
        await page.GetByLabel("ocena lub scoring, w tym profilowanie").CheckAsync();
        await page.GetByLabel("przetwarzanie na dużą skalę").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz analizę" }).ClickAsync();
        await page.GetByText("Ocena skutków jest potrzebna.").WaitForAsync();

        await page.GetByLabel("Opis przetwarzania").FillAsync("Ocena kontaktów według aktywności firmy.");
        await page.GetByLabel("Niezbędność i proporcjonalność").FillAsync("Tylko dane służbowe, bez danych wrażliwych.");
        await page.GetByLabel("Środki: w każdym wierszu co, kto i do kiedy").FillAsync("Wyłączenie profilowania na sprzeciw | IOD | 2027-03-01");
        await page.GetByLabel("Opinia IOD").FillAsync("Zgoda na przetwarzanie po wdrożeniu środków.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz nową wersję" }).ClickAsync();
        await page.GetByText("Zapisano nową wersję.").WaitForAsync();
        var url = page.Url.Split('?')[0];
        await AssertAccessibleAsync(async p => { await SignInAsync(p, dpo); await p.GotoAsync(url); });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zatwierdź ocenę" }).ClickAsync();
        await page.GetByText("Ocena zatwierdzona.").WaitForAsync();
        Assert.Equal(3, await page.Locator("main ol li").CountAsync());
        Assert.True(await page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mapa ryzyka") }).IsVisibleAsync());
    }

    [Fact]
    public async Task The_data_team_adds_a_licensee_and_a_licence_and_downloads_an_export()
    {
        var data = await _app.CreateStaffAsync(StaffRoles.DataTeam);
        var page = await NoScriptPageAsync();
        await SignInAsync(page, data);
        // The data team sees no requests: signing in lands on the licences.
        Assert.EndsWith("/office/licensing", page.Url, StringComparison.Ordinal);

        // The form is open already when there is no licensee yet.
        if (await page.Locator("details", new() { Has = page.Locator("summary", new() { HasText = "Dodaj licencjobiorcę" }) }).GetAttributeAsync("open") is null)
            await page.Locator("summary", new() { HasText = "Dodaj licencjobiorcę" }).ClickAsync();
        await page.GetByLabel("Firma").FillAsync("Kampanie w Przeglądarce Sp. z o.o.");
        await page.GetByLabel("NIP").FillAsync("725-180-11-26");
        await page.GetByLabel("Osoba kontaktowa").FillAsync("Anna Klient");
        await page.GetByLabel("E-mail do zawiadomień (art. 19)").FillAsync("dane@kampanie.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dodaj licencjobiorcę" }).ClickAsync();
        Assert.StartsWith("dpk_", await page.Locator("#api-key").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("summary", new() { HasText = "Dodaj licencję" }).ClickAsync();
        await page.GetByLabel("Licencjobiorca", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kampanie w Przeglądarce Sp. z o.o." });
        await page.GetByLabel("Cel", new() { Exact = true }).FillAsync("prospecting B2B");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await page.GetByLabel("Początek licencji").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Koniec okresu przechowywania").FillAsync(today.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Dodaj licencję" }).ClickAsync();
        var added = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var number = System.Text.RegularExpressions.Regex.Match(added, @"L-\d{4}-\d{4}").Value;
        Assert.NotEmpty(number);
        await AssertAccessibleAsync(async p => { await SignInAsync(p, data); await p.GotoAsync(_app.BaseUrl + "/office/licensing"); });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = $"Eksportuj CSV: {number}" }).ClickAsync());
        Assert.Equal($"{number}-{DateOnly.FromDateTime(DpoDesk.Requests.Deadlines.ToPolishLocal(DateTime.UtcNow)):yyyy-MM-dd}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("name,email,phone,company,nip,position,source,acquired_on", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        await page.GotoAsync(_app.BaseUrl + "/office/licensing");
        Assert.Equal(1, await page.Locator("table", new() { HasText = "Wstrzymanych przez listę zastrzeżeń" }).Locator("tbody tr").CountAsync());
    }

    /// <summary>Opens a page in a context with scripts on (axe needs them) and fails on serious or critical violations.</summary>
    async Task AssertAccessibleAsync(Func<IPage, Task> open)
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await open(page);
        AxeResult result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page.Url + "\n" + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
