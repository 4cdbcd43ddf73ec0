using System.Net;
using DpoDesk.Requests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The whole flow a person goes through, against a real SMTP server and SMS gateway.</summary>
public abstract class RequestFlowTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    [Fact]
    public async Task Erasure_with_source_inquiry_reports_sources_deletes_records_texts_and_blocks_reimport()
    {
        var email = DpoDeskApp.UniqueEmail("jan.kowalski");
        var otherEmail = DpoDeskApp.UniqueEmail("j.kowalski.old");
        var colleague = DpoDeskApp.UniqueEmail("anna.nowak");
        var namesake = DpoDeskApp.UniqueEmail("jan.kowalski.namesake");
        var csv = $"""
            name,email,phone,company,nip,position
            Jan Kowalski,{email.ToUpperInvariant()},601 100 200,Budmax sp. z o.o.,1234563218,Dyrektor Handlowy
            Kowalski Jan,{otherEmail},+48 601-100-200,Transpol S.A.,7251801126,Kierownik
            Anna Nowak,{colleague},601100200,Budmax sp. z o.o.,1234563218,Recepcja
            Jan Kowalski,{namesake},509 000 111,Inna Firma,7251801126,Prezes
            """;
        var loaded = await App.ImportCsvAsync(csv, source: "CEIDG (test)", isPublic: true, acquiredOn: new DateOnly(2024, 3, 12));
        Assert.Equal(4, loaded.Imported);

        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Jan Kowalski", $"  {email} ", "(+48) 601 100 200", Erase: true, Source: true));

        var confirmation = await App.Smtp.WaitForAsync(email, number);
        Assert.Equal("Dział Inspektora Ochrony Danych", confirmation.From.Mailboxes.Single().Name);
        Assert.Contains("usunięcie Twoich danych", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("informację, skąd pochodzą Twoje dane", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Jan Kowalski", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("+48601100200", confirmation.TextBody, StringComparison.Ordinal);

        var (get, post) = await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(confirmation));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Potwierdź zgłoszenie", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("jest realizowane", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Two records share the phone: Jan's with an old e-mail, and his colleague Anna's. The rules do not
        // guess; an operator decides that the first is Jan's and the second is not.
        await App.WaitForStateAsync(number, RequestState.NeedsReview);
        var operatorBrowser = await App.StaffAsync(Office.StaffRoles.Operator);
        var review = await operatorBrowser.GetStringAsync($"/office/requests/{await App.RequestIdAsync(number)}");
        Assert.Contains("Rozstrzygnij przegląd", review, StringComparison.Ordinal);
        Assert.Contains(otherEmail, review, StringComparison.Ordinal);
        Assert.Contains(colleague, review, StringComparison.Ordinal);
        Assert.DoesNotContain(namesake, review, StringComparison.Ordinal);
        using (var decided = await App.DecideReviewAsync(operatorBrowser, number, "Ten sam numer i nazwisko, stary adres z poprzedniej pracy.", otherEmail))
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        var result = await App.Smtp.WaitForAsync(email, $"Zgłoszenie {number} zostało zrealizowane");
        var body = result.TextBody;
        Assert.Contains("SKĄD POCHODZĄ TWOJE DANE", body, StringComparison.Ordinal);
        Assert.Contains("CEIDG (test)", body, StringComparison.Ordinal);
        Assert.Contains("12 marca 2024 r.", body, StringComparison.Ordinal);
        Assert.Contains("źródło publicznie dostępne", body, StringComparison.Ordinal);
        Assert.Contains("Budmax sp. z o.o.", body, StringComparison.Ordinal);
        // The record found by phone and name is erased but not described.
        Assert.DoesNotContain("Transpol", body, StringComparison.Ordinal);
        Assert.DoesNotContain(otherEmail, body, StringComparison.Ordinal);
        Assert.Contains("(liczba: 2)", body, StringComparison.Ordinal);

        var sms = await App.Sms.WaitForAsync("48601100200");
        Assert.Contains(number, sms.Message, StringComparison.Ordinal);
        Assert.Contains("usunęliśmy", sms.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Kowalski", sms.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@", sms.Message, StringComparison.Ordinal);

        Assert.Equal(0, await App.CountContactsAsync(email));
        Assert.Equal(0, await App.CountContactsAsync(otherEmail));
        Assert.Equal(1, await App.CountContactsAsync(colleague));
        Assert.Equal(1, await App.CountContactsAsync(namesake));

        var reimport = await App.ImportCsvAsync(csv);
        Assert.Equal(2, reimport.Suppressed);
        Assert.Equal(0, await App.CountContactsAsync(email));
        Assert.Equal(0, await App.CountContactsAsync(otherEmail));

        await App.AllDeliveredAsync(number);
        var stored = await App.QueryAsync(db => db.Requests.Include(r => r.Events).SingleAsync(r => r.Number == number));
        Assert.Equal(RequestState.Completed, stored.State);
        Assert.Equal(RequestOutcome.DataFound, stored.Outcome);
        Assert.Equal(2, stored.RecordsErased);
        Assert.Contains(stored.Events, e => e.Kind == RequestEventKind.Erased);
        Assert.Contains(stored.Events, e => e.Kind == RequestEventKind.SourcesReported);
        Assert.Equal(3, stored.Events.Count(e => e.Kind == RequestEventKind.MessageDelivered));
    }

    [Fact]
    public async Task A_person_not_in_the_base_is_told_no_data_was_found()
    {
        var email = DpoDeskApp.UniqueEmail("nieznana");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Żaneta Nieznana", email, "+48 512 345 678", Erase: true, Source: true, StopSharing: true));
        var confirmation = await App.Smtp.WaitForAsync(email, number);
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(confirmation));

        var result = await App.Smtp.WaitForAsync(email, "zrealizowane");
        Assert.Contains("Nie znaleźliśmy Twoich danych", result.TextBody, StringComparison.Ordinal);
        var sms = await App.Sms.WaitForAsync("48512345678");
        Assert.Contains("nie znaleźliśmy Twoich danych", sms.Message, StringComparison.Ordinal);
        Assert.Equal(RequestOutcome.NoDataFound, await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task Sharing_objection_keeps_the_record_but_bars_it_from_sharing()
    {
        var email = DpoDeskApp.UniqueEmail("piotr.zielinski");
        await App.ImportCsvAsync($"name,email\nPiotr Zieliński,{email}\n");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Piotr Zieliński", email, Erase: false, StopSharing: true));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number)));

        var result = await App.Smtp.WaitForAsync(email, "zrealizowane");
        Assert.Contains("SPRZECIW WOBEC UDOSTĘPNIANIA", result.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("SKĄD POCHODZĄ", result.TextBody, StringComparison.Ordinal);
        var record = await App.QueryAsync(db => db.Contacts.SingleAsync(c => c.EmailNormalized == email));
        Assert.True(record.SharingBarred);
        Assert.Equal(1, await App.QueryAsync(db => db.SuppressionEntries.CountAsync(e => e.RequestNumber == number && e.Kind == Suppression.SuppressionKind.SharingObjection)));
    }

    [Fact]
    public async Task A_phone_with_another_name_is_neither_erased_nor_described()
    {
        var email = DpoDeskApp.UniqueEmail("marek.lis");
        var stranger = DpoDeskApp.UniqueEmail("ewa.baran");
        await App.ImportCsvAsync($"name,email,phone\nEwa Baran,{stranger},+48 790 111 222\n");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Marek Lis", email, "790111222", Erase: true, Source: true));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number)));

        // The phone belongs to someone of another name: never acted on without an operator, who says it is not his.
        await App.WaitForStateAsync(number, RequestState.NeedsReview);
        Assert.DoesNotContain(App.Smtp.To(email), m => m.Subject?.Contains("zrealizowane", StringComparison.Ordinal) == true);
        using (var decided = await App.DecideReviewAsync(await App.StaffAsync(Office.StaffRoles.Operator), number, "Inna osoba pod tym numerem."))
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        var result = await App.Smtp.WaitForAsync(email, "zrealizowane");
        Assert.Contains("Nie znaleźliśmy Twoich danych", result.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Baran", result.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await App.CountContactsAsync(stranger));
    }

    [Fact]
    public async Task The_english_form_says_unsubscribe_me_and_the_emails_are_in_english()
    {
        var browser = App.Browser();
        using var switched = await browser.GetAsync("/jezyk/en?wroc=/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var form = await browser.GetStringAsync("/");
        Assert.Contains("<html lang=\"en\">", form, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe me", form, StringComparison.Ordinal);
        Assert.Contains("We do not take requests by phone", form, StringComparison.Ordinal);

        var email = DpoDeskApp.UniqueEmail("john.smith");
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("John Smith", email));
        var confirmation = await App.Smtp.WaitForAsync(email, $"Confirm your request {number}");
        Assert.Contains("erase your data", confirmation.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_polish_form_has_the_notice_the_postal_address_and_the_button()
    {
        var form = await App.Browser().GetStringAsync("/");
        Assert.Contains("<html lang=\"pl\">", form, StringComparison.Ordinal);
        Assert.Contains("Wypisz mnie", form, StringComparison.Ordinal);
        Assert.Contains("Zgłoszeń nie przyjmujemy telefonicznie", form, StringComparison.Ordinal);
        Assert.Contains("ul. Przykładowa 1, 00-001 Warszawa", form, StringComparison.Ordinal);
        Assert.Contains("Usuńcie moje dane", form, StringComparison.Ordinal);
        Assert.Contains("Powiedzcie mi, skąd macie moje dane", form, StringComparison.Ordinal);
        Assert.Contains("Nie udostępniajcie moich danych innym firmom", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_not_cached_framed_or_scripted()
    {
        using var response = await App.Browser().GetAsync("/");
        Assert.True(response.Headers.CacheControl?.NoStore);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Over_https_the_portal_sends_hsts_and_only_secure_cookies()
    {
        using var browser = App.CreateClient(new() { BaseAddress = new Uri("https://iod.dpodesk.test"), AllowAutoRedirect = false });
        using var response = await browser.GetAsync("/");
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_submitted_page_shows_the_number_and_tells_to_look_in_spam()
    {
        var browser = App.Browser();
        using var response = await App.SubmitAsync(browser, new DpoDeskApp.RequestInput("Ewa Kot", DpoDeskApp.UniqueEmail("ewa.kot")));
        var page = await browser.GetStringAsync(response.Headers.Location);
        Assert.Matches(DpoDeskApp.NumberPattern(), page);
        Assert.Contains("spam", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_are_sequential_within_the_year()
    {
        var browser = App.Browser();
        var first = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Ala Ma", DpoDeskApp.UniqueEmail("ala")));
        var second = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Ola Ma", DpoDeskApp.UniqueEmail("ola")));
        Assert.Equal(long.Parse(first[^6..], System.Globalization.CultureInfo.InvariantCulture) + 1, long.Parse(second[^6..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith($"IOD/{DateTime.UtcNow.Year}/", first, StringComparison.Ordinal);
    }
}

public sealed class RequestFlowTestsOnSqlite(SqliteApp app) : RequestFlowTests<SqliteApp>(app);

public sealed class RequestFlowTestsOnPostgres(PostgresApp app) : RequestFlowTests<PostgresApp>(app);
