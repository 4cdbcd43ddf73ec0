using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DpoDesk.Requests;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The request desk as staff use it: post, the queue, review, deadlines, refusals, templates and the phone.</summary>
public abstract class DeskTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    static readonly byte[] PdfScan = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    static async Task<HttpResponseMessage> RegisterPostalAsync(HttpClient staff, string name, string? email, string? phone, byte[] scan, string fileName = "list.pdf", string receivedOn = "today")
    {
        var page = await staff.GetStringAsync("/office/requests/postal");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(DpoDeskApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("true"), "Erase" },
            { new StringContent("true"), "Source" },
            { new StringContent(name), "FullName" },
            { new StringContent("ul. Polna 5/2\n30-001 Kraków"), "PostalAddress" },
            { new StringContent(email ?? ""), "Email" },
            { new StringContent(phone ?? ""), "Phone" },
            { new StringContent(receivedOn == "today" ? DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : receivedOn), "ReceivedOn" },
            { new StringContent("pl"), "Language" },
        };
        var file = new ByteArrayContent(scan);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Scan", fileName);
        return await staff.PostAsync("/office/requests/postal", form);
    }

    [Fact]
    public async Task A_postal_request_is_registered_with_its_scan_verified_and_answered_by_a_printed_letter_and_e_mail()
    {
        var email = DpoDeskApp.UniqueEmail("listowna");
        await App.ImportCsvAsync($"name,email,phone,company\nHelena Listowna,{email},,Papiernia S.A.\n");
        var staff = await App.StaffAsync(StaffRoles.Operator);

        using var registered = await RegisterPostalAsync(staff, "Helena Listowna", email.ToUpperInvariant(), null, PdfScan, "skan listu.pdf");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var detailPath = registered.Headers.Location!.OriginalString;
        var detail = await staff.GetStringAsync(detailPath);
        var number = DpoDeskApp.NumberPattern().Match(detail).Value;
        Assert.Contains("Czeka na weryfikację", detail, StringComparison.Ordinal);
        Assert.Contains("ul. Polna 5/2", detail, StringComparison.Ordinal);

        // The scan comes back as it went in, as a PDF download.
        var scanLink = System.Text.RegularExpressions.Regex.Match(detail, "href=\"(/office/requests/\\d+/documents/\\d+)\"").Groups[1].Value;
        using (var scan = await staff.GetAsync(scanLink))
        {
            Assert.Equal("application/pdf", scan.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PdfScan, await scan.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", scan.Content.Headers.ContentDisposition!.DispositionType);
        }

        using (var verified = await DpoDeskApp.PostFormAsync(staff, detailPath.Split('?')[0], [F("Reason", "Podpis zgodny, adres nadawcy jak w liście.")], detailPath.Split('?')[0] + "?handler=Verify"))
            Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        await App.WaitForStateAsync(number, RequestState.Completed);

        var mail = await App.Smtp.WaitForAsync(email, $"Zgłoszenie {number} zostało zrealizowane");
        Assert.Contains("Papiernia S.A.", mail.TextBody, StringComparison.Ordinal);

        var id = await App.RequestIdAsync(number);
        using var letter = await staff.GetAsync($"/office/requests/{id}/letter/reply");
        Assert.Equal("application/pdf", letter.Content.Headers.ContentType!.MediaType);
        var text = DpoDeskApp.PdfText(await letter.Content.ReadAsByteArrayAsync());
        Assert.Contains("Helena Listowna", text, StringComparison.Ordinal);
        Assert.Contains("Kraków", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("Papiernia", text, StringComparison.Ordinal);
        Assert.Contains("Usunęliśmy", text, StringComparison.Ordinal);

        var events = await App.QueryAsync(db => db.Requests.Where(r => r.Id == id).SelectMany(r => r.Events).Select(e => e.Kind).ToListAsync());
        Assert.Contains(RequestEventKind.PostalRegistered, events);
        Assert.Contains(RequestEventKind.Verified, events);
        Assert.Contains(RequestEventKind.LetterPrinted, events);
        var audited = await App.QueryAsync(db => db.AuditEvents.Where(e => e.Subject == "request:" + number).Select(e => e.Action).ToListAsync());
        Assert.Contains("request.postal-registered", audited);
        Assert.Contains("request.verified", audited);
        Assert.Contains("request.scan-viewed", audited);
        Assert.Contains("request.letter-printed", audited);
    }

    [Fact]
    public async Task A_scan_is_checked_by_its_content_and_a_refused_form_stores_nothing()
    {
        var staff = await App.StaffAsync(StaffRoles.Operator);
        var before = await App.QueryAsync(db => db.Requests.CountAsync());

        using var fake = await RegisterPostalAsync(staff, "Jan Podrobiony", null, null, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "list.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("Skan musi być plikiem PDF, JPEG lub PNG", await fake.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var future = await RegisterPostalAsync(staff, "Jan Przyszły", "zly-adres", "12", PdfScan, receivedOn: "2099-01-01");
        var html = await future.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("Data wpływu nie może być z przyszłości", html, StringComparison.Ordinal);
        Assert.Contains("To nie wygląda na adres e-mail", html, StringComparison.Ordinal);
        Assert.Contains("To nie wygląda na numer telefonu", html, StringComparison.Ordinal);

        Assert.Equal(before, await App.QueryAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Only_operators_and_the_dpo_register_post_and_only_the_dpo_and_lawyers_extend_or_refuse()
    {
        var auditor = await App.StaffAsync(StaffRoles.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/office/requests/postal")).StatusCode);
        var lawyer = await App.StaffAsync(StaffRoles.Lawyer);
        Assert.Equal(HttpStatusCode.Forbidden, (await lawyer.GetAsync("/office/requests/postal")).StatusCode);

        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        using var registered = await RegisterPostalAsync(operatorBrowser, "Roman Uprawniony", null, "601 777 888", PdfScan);
        var path = registered.Headers.Location!.OriginalString.Split('?')[0];
        var operatorPage = await operatorBrowser.GetStringAsync(path);
        Assert.DoesNotContain("Przedłuż termin", operatorPage, StringComparison.Ordinal);
        using (var refused = await DpoDeskApp.PostFormAsync(operatorBrowser, path, [F("Months", "2"), F("Reason", "Złożona sprawa")], path + "?handler=Extend"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var auditorTry = await DpoDeskApp.PostFormAsync(auditor, path, [F("Reason", "x")], path + "?handler=Verify"))
            Assert.Equal(HttpStatusCode.Forbidden, auditorTry.StatusCode);

        Assert.Contains("Przedłuż termin", await lawyer.GetStringAsync(path), StringComparison.Ordinal);
        using var extended = await DpoDeskApp.PostFormAsync(lawyer, path, [F("Months", "2"), F("Reason", "Złożona sprawa")], path + "?handler=Extend");
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
    }

    [Fact]
    public async Task An_extension_is_previewed_sent_to_the_person_before_the_month_ends_and_given_only_once()
    {
        var email = DpoDeskApp.UniqueEmail("przedluzenie");
        var staff = await App.StaffAsync(StaffRoles.Dpo);
        using var registered = await RegisterPostalAsync(staff, "Przemysław Długi", email, null, PdfScan);
        var path = registered.Headers.Location!.OriginalString.Split('?')[0];
        var number = DpoDeskApp.NumberPattern().Match(await staff.GetStringAsync(path)).Value;
        var due = await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.DueOn).SingleAsync());

        using (var preview = await DpoDeskApp.PostFormAsync(staff, path, [F("Action", "extend"), F("Months", "2"), F("Reason", "Dane z wielu źródeł wymagają sprawdzenia.")], path + "?handler=Preview"))
        {
            var html = await preview.Content.ReadAsStringAsync();
            Assert.Contains("Podgląd odpowiedzi", html, StringComparison.Ordinal);
            Assert.Contains("przedłużamy termin odpowiedzi do", html, StringComparison.Ordinal);
            Assert.Contains("Dane z wielu źródeł wymagają sprawdzenia.", html, StringComparison.Ordinal);
            Assert.Contains(due.AddMonths(2).ToString("d MMMM yyyy 'r.'", System.Globalization.CultureInfo.GetCultureInfo("pl-PL")), html, StringComparison.Ordinal);
            // A preview decides nothing: the deadline is not shown as extended yet.
            Assert.DoesNotContain("(przedłużony)", html, StringComparison.Ordinal);
        }
        Assert.Equal(RequestState.AwaitingVerification, await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.State).SingleAsync()));
        Assert.DoesNotContain(App.Smtp.To(email), m => m.Subject?.Contains("przedłużenie", StringComparison.Ordinal) == true);

        using (var sent = await DpoDeskApp.PostFormAsync(staff, path, [F("Months", "2"), F("Reason", "Dane z wielu źródeł wymagają sprawdzenia.")], path + "?handler=Extend"))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var notice = await App.Smtp.WaitForAsync(email, "przedłużenie terminu");
        Assert.Contains("Dane z wielu źródeł wymagają sprawdzenia.", notice.TextBody, StringComparison.Ordinal);
        var extendedTo = await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.ExtendedDueOn).SingleAsync());
        Assert.Equal(due.AddMonths(2), extendedTo);

        using var again = await DpoDeskApp.PostFormAsync(staff, path, [F("Months", "1"), F("Reason", "Jeszcze raz")], path + "?handler=Extend");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Termin był już przedłużony.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_first_month_an_extension_is_refused_and_the_request_shows_as_overdue()
    {
        var staff = await App.StaffAsync(StaffRoles.Dpo);
        using var registered = await RegisterPostalAsync(staff, "Olga Spóźniona", null, "602 333 444", PdfScan);
        var path = registered.Headers.Location!.OriginalString.Split('?')[0];
        var number = DpoDeskApp.NumberPattern().Match(await staff.GetStringAsync(path)).Value;
        // The month ran out while the letter waited.
        await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).ExecuteUpdateAsync(s => s.SetProperty(r => r.DueOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2))));

        using var late = await DpoDeskApp.PostFormAsync(staff, path, [F("Months", "2"), F("Reason", "Za późno")], path + "?handler=Extend");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("Pierwszy miesiąc już minął", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var overdue = await staff.GetStringAsync("/office?widok=po-terminie");
        Assert.Contains(number, overdue, StringComparison.Ordinal);
        Assert.Contains("po terminie", overdue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pause_for_an_identity_check_asks_the_person_and_moves_the_deadlines_by_the_days_it_stood_still()
    {
        var email = DpoDeskApp.UniqueEmail("tozsamosc");
        var staff = await App.StaffAsync(StaffRoles.Operator);
        using var registered = await RegisterPostalAsync(staff, "Teodor Niepewny", email, null, PdfScan);
        var path = registered.Headers.Location!.OriginalString.Split('?')[0];
        var number = DpoDeskApp.NumberPattern().Match(await staff.GetStringAsync(path)).Value;

        using (var paused = await DpoDeskApp.PostFormAsync(staff, path, [F("Reason", "Prosimy o odpowiedź z adresu e-mail podanego w liście.")], path + "?handler=Pause"))
            Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        var ask = await App.Smtp.WaitForAsync(email, "potwierdzenie tożsamości");
        Assert.Contains("bieg terminu na realizację zgłoszenia jest wstrzymany", ask.TextBody, StringComparison.Ordinal);

        // Five days pass before the answer comes.
        var due = await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.DueOn).SingleAsync());
        await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).ExecuteUpdateAsync(s => s.SetProperty(r => r.PausedAt, DateTime.UtcNow.AddDays(-5))));
        using (var resumed = await DpoDeskApp.PostFormAsync(staff, path, [F("Reason", "Odpowiedź przyszła z właściwego adresu.")], path + "?handler=Resume"))
            Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Equal(due.AddDays(5), await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.DueOn).SingleAsync()));
        await App.WaitForStateAsync(number, RequestState.Completed);
    }

    [Fact]
    public async Task A_refusal_carries_the_reasons_and_the_right_to_complain_and_to_go_to_court()
    {
        var email = DpoDeskApp.UniqueEmail("nadmierny");
        var staff = await App.StaffAsync(StaffRoles.Lawyer);
        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        using var registered = await RegisterPostalAsync(operatorBrowser, "Zenon Uporczywy", email, null, PdfScan);
        var path = registered.Headers.Location!.OriginalString.Split('?')[0];
        var number = DpoDeskApp.NumberPattern().Match(await staff.GetStringAsync(path)).Value;

        using (var noReason = await DpoDeskApp.PostFormAsync(staff, path, [F("Ground", "Excessive"), F("Reason", "  ")], path + "?handler=Refuse"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("Podaj uzasadnienie", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var refused = await DpoDeskApp.PostFormAsync(staff, path, [F("Ground", "Excessive"), F("Reason", "Czterdzieste identyczne żądanie w tym miesiącu.")], path + "?handler=Refuse"))
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        var reply = await App.Smtp.WaitForAsync(email, "odmowa");
        Assert.Contains("Czterdzieste identyczne żądanie w tym miesiącu.", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("nadmierne", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("skargi do Prezesa Urzędu Ochrony Danych Osobowych", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("przed sądem", reply.TextBody, StringComparison.Ordinal);
        Assert.Equal(RequestState.Refused, await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.State).SingleAsync()));
        Assert.Contains(number, await staff.GetStringAsync("/office?widok=zamkniete&q=" + Uri.EscapeDataString(number)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_finds_a_request_by_number_by_any_spelling_of_the_e_mail_or_the_phone_but_never_by_name()
    {
        var email = DpoDeskApp.UniqueEmail("Szukana.Osoba");
        var number = await App.SubmitAcceptedAsync(App.Browser(), new DpoDeskApp.RequestInput("Szukana Osoba", email, "603 456 789"));
        var staff = await App.StaffAsync(StaffRoles.Operator);

        foreach (var term in new[] { number.ToLowerInvariant(), email.ToUpperInvariant(), "+48 603-456-789", "603456789" })
            Assert.Contains(number, await staff.GetStringAsync("/office?q=" + Uri.EscapeDataString(term)), StringComparison.Ordinal);
        var byName = await staff.GetStringAsync("/office?q=" + Uri.EscapeDataString("Szukana Osoba"));
        Assert.DoesNotContain(number, byName, StringComparison.Ordinal);
        Assert.Contains("Imię i nazwisko nie wystarcza", byName, StringComparison.Ordinal);

        var awaiting = await staff.GetStringAsync("/office?widok=potwierdzenie&kanal=Web&rodzaj=Erasure");
        Assert.Contains(number, awaiting, StringComparison.Ordinal);
        Assert.DoesNotContain(number, await staff.GetStringAsync("/office?widok=potwierdzenie&kanal=Post"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await staff.GetStringAsync("/office?widok=potwierdzenie&rodzaj=SourceInquiry"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_request_of_the_same_person_is_linked_to_the_open_one_never_dropped()
    {
        var email = DpoDeskApp.UniqueEmail("powtarzajaca");
        var first = await App.SubmitAcceptedAsync(App.Browser(), new DpoDeskApp.RequestInput("Anna Powtarzająca", email));
        var second = await App.SubmitAcceptedAsync(App.Browser(), new DpoDeskApp.RequestInput("Anna Powtarzająca", email, Source: true));
        Assert.NotEqual(first, second);

        var staff = await App.StaffAsync(StaffRoles.Operator);
        var page = await staff.GetStringAsync($"/office/requests/{await App.RequestIdAsync(second)}");
        Assert.Contains("Powtarza", page, StringComparison.Ordinal);
        Assert.Contains(first, page, StringComparison.Ordinal);
        var original = await staff.GetStringAsync($"/office/requests/{await App.RequestIdAsync(first)}");
        Assert.Contains("Powtórzone w", original, StringComparison.Ordinal);
        Assert.Contains(second, original, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpo_edits_a_template_with_a_preview_and_the_automatic_flow_uses_it()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var page = await dpo.GetStringAsync("/office/templates/result/pl");
        var body = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "<textarea id=\"Body\"[^>]*>([^<]*)</textarea>").Groups[1].Value);
        Assert.Contains("{{details}}", body, StringComparison.Ordinal);

        using (var broken = await DpoDeskApp.PostFormAsync(dpo, "/office/templates/result/pl", [F("Subject", "Wynik {{numer}}"), F("Body", "Bez szczegółów")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            var html = await broken.Content.ReadAsStringAsync();
            Assert.Contains("Nieznane pole {{numer}}", html, StringComparison.Ordinal);
            Assert.Contains("Brakuje pola {{details}}", html, StringComparison.Ordinal);
        }
        var edited = body.Replace("Dział Inspektora Ochrony Danych", "Z poważaniem,\nZespół IOD (szablon zmieniony)", StringComparison.Ordinal);
        using (var preview = await DpoDeskApp.PostFormAsync(dpo, "/office/templates/result/pl", [F("Subject", "Zgłoszenie {{number}} zostało zrealizowane"), F("Body", edited)], "/office/templates/result/pl?handler=Preview"))
        {
            var html = await preview.Content.ReadAsStringAsync();
            Assert.Contains("IOD/2026/000123", html, StringComparison.Ordinal);
            Assert.Contains("Zespół IOD (szablon zmieniony)", html, StringComparison.Ordinal);
        }
        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        using (var notAllowed = await DpoDeskApp.PostFormAsync(operatorBrowser, "/office/templates/result/pl", [F("Subject", "Zgłoszenie {{number}}"), F("Body", edited)]))
            Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        try
        {
            using (var saved = await DpoDeskApp.PostFormAsync(dpo, "/office/templates/result/pl", [F("Subject", "Zgłoszenie {{number}} zostało zrealizowane"), F("Body", edited)]))
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

            var email = DpoDeskApp.UniqueEmail("szablonowa");
            var browser = App.Browser();
            var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Sabina Szablonowa", email));
            await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number)));
            var result = await App.Smtp.WaitForAsync(email, "zrealizowane");
            Assert.Contains("Zespół IOD (szablon zmieniony)", result.TextBody, StringComparison.Ordinal);
            Assert.Contains("Nie znaleźliśmy Twoich danych", result.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            using var reset = await DpoDeskApp.PostFormAsync(dpo, "/office/templates/result/pl", [], "/office/templates/result/pl?handler=Reset");
        }
    }

    [Fact]
    public async Task A_phone_caller_gets_the_written_explanation_and_nothing_of_theirs_is_kept()
    {
        var email = DpoDeskApp.UniqueEmail("dzwoniacy");
        var staff = await App.StaffAsync(StaffRoles.Operator);
        using var sent = await DpoDeskApp.PostFormAsync(staff, "/office/phone", [F("Email", email), F("Language", "pl")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var message = await App.Smtp.WaitForAsync(email, "Jak złożyć zgłoszenie");
        Assert.Contains("nie przyjmujemy telefonicznie", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://iod.dpodesk.test/", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("ul. Przykładowa 1, 00-001 Warszawa", message.TextBody, StringComparison.Ordinal);
        Assert.False(await App.QueryAsync(db => db.Requests.AnyAsync(r => r.Email == email)));
        Assert.False(await App.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Detail!.Contains(email) || e.Subject!.Contains(email))));
    }

    [Fact]
    public async Task A_request_whose_processing_keeps_failing_goes_to_review_instead_of_holding_up_the_queue()
    {
        var email = DpoDeskApp.UniqueEmail("zepsuta");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Zofia Zepsuta", email));
        // A corrupt value makes processing throw every time.
        await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ReviewIncludedContactIds, "nie-liczba")
            .SetProperty(r => r.ReviewDecision, ReviewDecision.Decided)
            .SetProperty(r => r.State, RequestState.Confirmed)));
        var healthy = DpoDeskApp.UniqueEmail("zdrowa");
        var after = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Zdrowa Osoba", healthy));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(healthy, after)));

        await App.WaitForStateAsync(number, RequestState.NeedsReview);
        await App.Smtp.WaitForAsync(healthy, "zrealizowane");
        var stored = await App.QueryAsync(db => db.Requests.SingleAsync(r => r.Number == number));
        Assert.Equal(ProcessRequest.MaxAttempts, stored.ProcessingFailures);
        Assert.Contains("processing failed", stored.ReviewReason, StringComparison.Ordinal);
    }
}

public sealed class DeskTestsOnSqlite(SqliteApp app) : DeskTests<SqliteApp>(app);

public sealed class DeskTestsOnPostgres(PostgresApp app) : DeskTests<PostgresApp>(app);
