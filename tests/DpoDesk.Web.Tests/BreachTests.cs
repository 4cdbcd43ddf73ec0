using System.Globalization;
using System.Net;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The breach register: recording, the ENISA score, the 72-hour clock, decisions, and the documents.</summary>
public abstract class BreachTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    static string PolishLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Warsaw).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    static List<KeyValuePair<string, string>> Form(string title, DateTime awareUtc) =>
    [
        F("Title", title), F("AwareAt", PolishLocal(awareUtc)), F("Nature", "Pracownik wysłał plik z danymi 1200 kontaktów do niewłaściwego klienta."),
        F("IncidentType", "MisdirectedMessage"), F("Cause", "InternalNonMalicious"), F("PersonsApprox", "1200"), F("RecordsApprox", "1200"),
        F("DataCategories", "imię, nazwisko, służbowy e-mail i telefon"), F("PersonCategories", "osoby kontaktowe klientów"),
        F("Consequences", "niechciane kontakty handlowe"), F("MeasuresMitigation", "odbiorca potwierdził usunięcie pliku"),
        F("MeasuresAgainstRecurrence", "eksport tylko przez DpoDesk"), F("Kinds", "Simple"), F("ContextAdjustment", "0"),
        F("Identifiability", "Maximum"), F("Confidentiality", "KnownRecipients"), F("Integrity", "None"), F("Availability", "None"),
    ];

    async Task<long> RecordAsync(HttpClient dpo, string title, DateTime awareUtc)
    {
        using var created = await DpoDeskApp.PostFormAsync(dpo, "/office/breaches/edit", Form(title, awareUtc));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_breach_is_recorded_scored_decided_and_its_notification_reads_as_the_uodo_form()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var title = $"Plik do złego klienta {Guid.NewGuid():N}";
        var id = await RecordAsync(dpo, title, DateTime.UtcNow.AddHours(-2));

        var page = WebUtility.HtmlDecode(await dpo.GetStringAsync($"/office/breaches/{id}"));
        // Simple data (1) × maximum identification (1) + known recipients (0.25) = 1.25: low.
        Assert.Contains("niska, 1.25", page, StringComparison.Ordinal);
        Assert.Contains("1 × 1 + 0.25 = 1.25", page, StringComparison.Ordinal);
        Assert.Matches(@"zostało (69|70) h \d+ min", page);
        var front = await dpo.GetStringAsync("/office");
        Assert.Contains("Naruszenia czekające na decyzję o zgłoszeniu do UODO", front, StringComparison.Ordinal);
        Assert.Contains(title, front, StringComparison.Ordinal);

        using (var incomplete = await DpoDeskApp.PostFormAsync(dpo, $"/office/breaches/{id}", [F("NotifyAuthority", "true"), F("AuthorityReason", "")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
            Assert.Contains("także gdy nie zgłaszasz", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var decided = await DpoDeskApp.PostFormAsync(dpo, $"/office/breaches/{id}",
            [F("NotifyAuthority", "true"), F("AuthorityReason", "Ujawnienie danych kontaktowych 1200 osób."), F("Kind", "Initial"), F("NotifyPersons", "true"), F("PersonsReason", "Osoby mogą dostać niechciane oferty.")]))
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.DoesNotContain(title, await dpo.GetStringAsync("/office"), StringComparison.Ordinal);

        using var notification = await dpo.GetAsync($"/office/breaches/{id}/notification");
        Assert.Equal("application/pdf", notification.Content.Headers.ContentType!.MediaType);
        var text = DpoDeskApp.PdfText(await notification.Content.ReadAsByteArrayAsync());
        foreach (var section in new[] { "Rodzaj zgłoszenia", "zgłoszenie wstępne", "Administrator", "Inspektor ochrony danych", "Czas naruszenia", "Charakter naruszenia", "Liczba osób i wpisów", "Kategorie danych", "Kategorie osób", "Możliwe konsekwencje", "Środki", "Zawiadomienie osób" })
            Assert.Contains(section, text, StringComparison.Ordinal);
        Assert.Contains("niewłaściwego klienta", text, StringComparison.Ordinal);
        Assert.Contains("1 200", text, StringComparison.Ordinal);
        Assert.Contains("ENISA: 1,25", text, StringComparison.Ordinal);

        using var letter = await dpo.GetAsync($"/office/breaches/{id}/persons-letter");
        var letterText = DpoDeskApp.PdfText(await letter.Content.ReadAsByteArrayAsync());
        Assert.Contains("Naruszenie ochrony Twoich danych osobowych", letterText, StringComparison.Ordinal);
        Assert.Contains("odbiorca potwierdził usunięcie pliku", letterText, StringComparison.Ordinal);
        Assert.Contains("iod@dpodesk.local", letterText, StringComparison.Ordinal);

        var audited = await App.QueryAsync(db => db.AuditEvents.Where(e => e.Subject!.StartsWith("breach:")).Select(e => e.Action).ToListAsync());
        Assert.Contains("breach.recorded", audited);
        Assert.Contains("breach.decided", audited);
        Assert.Contains("breach.notification-printed", audited);
    }

    [Fact]
    public async Task A_wrong_breach_form_says_what_is_wrong_and_stores_nothing()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var before = await App.QueryAsync(db => db.Breaches.CountAsync());
        var form = Form("", DateTime.UtcNow.AddDays(2)).Where(f => f.Key != "Kinds").ToList();
        using var response = await DpoDeskApp.PostFormAsync(dpo, "/office/breaches/edit", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Podaj tytuł", html, StringComparison.Ordinal);
        Assert.Contains("nie może być w przyszłości", html, StringComparison.Ordinal);
        Assert.Contains("Zaznacz co najmniej jeden rodzaj danych.", html, StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => db.Breaches.CountAsync()));
    }

    [Fact]
    public async Task After_the_72_hours_notifying_needs_the_reasons_for_the_delay()
    {
        var dpo = await App.StaffAsync(StaffRoles.Lawyer);
        var id = await RecordAsync(dpo, "Spóźnione " + Guid.NewGuid().ToString("N"), DateTime.UtcNow.AddDays(-4));
        Assert.Contains("brak decyzji", await dpo.GetStringAsync($"/office/breaches/{id}"), StringComparison.Ordinal);

        using var noReason = await DpoDeskApp.PostFormAsync(dpo, $"/office/breaches/{id}",
            [F("NotifyAuthority", "true"), F("AuthorityReason", "Ryzyko."), F("Kind", "Complete"), F("NotifyPersons", "false"), F("PersonsReason", "Ryzyko niewysokie.")]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("podaj przyczyny opóźnienia", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var withReason = await DpoDeskApp.PostFormAsync(dpo, $"/office/breaches/{id}",
            [F("NotifyAuthority", "true"), F("AuthorityReason", "Ryzyko."), F("Kind", "Complete"), F("DelayReason", "Naruszenie zgłosił klient dopiero po weekendzie."), F("NotifyPersons", "false"), F("PersonsReason", "Ryzyko niewysokie.")]);
        Assert.Equal(HttpStatusCode.Redirect, withReason.StatusCode);
        var text = DpoDeskApp.PdfText(await dpo.GetByteArrayAsync($"/office/breaches/{id}/notification"));
        Assert.Contains("dopiero po weekendzie", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpos_are_reminded_once_when_less_than_a_day_of_the_72_hours_is_left()
    {
        var dpoEmail = await App.CreateStaffAsync(StaffRoles.Dpo);
        var dpo = App.Browser();
        await App.SignInAsync(dpo, dpoEmail, DpoDeskApp.StaffPassword);
        var id = await RecordAsync(dpo, "Przypomnienie " + Guid.NewGuid().ToString("N"), DateTime.UtcNow.AddHours(-50));
        var reference = await App.QueryAsync(db => db.Breaches.Where(b => b.Id == id).Select(b => b.Reference).SingleAsync());

        var reminder = await App.Smtp.WaitForAsync(dpoEmail, reference);
        Assert.Contains("zostało", reminder.TextBody, StringComparison.Ordinal);
        Assert.NotNull(await App.QueryAsync(db => db.Breaches.Where(b => b.Id == id).Select(b => b.ReminderSentAt).SingleAsync()));
        await Task.Delay(1000);
        Assert.Single(App.Smtp.To(dpoEmail), m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Operators_and_auditors_read_the_register_but_only_the_dpo_and_lawyers_record_and_decide()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var id = await RecordAsync(dpo, "Uprawnienia " + Guid.NewGuid().ToString("N"), DateTime.UtcNow.AddHours(-1));
        foreach (var role in new[] { StaffRoles.Operator, StaffRoles.Auditor })
        {
            var browser = await App.StaffAsync(role);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/office/breaches/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/office/breaches/edit")).StatusCode);
            using var decide = await DpoDeskApp.PostFormAsync(browser, $"/office/breaches/{id}", [F("NotifyAuthority", "false"), F("AuthorityReason", "x"), F("NotifyPersons", "false"), F("PersonsReason", "x")]);
            Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode);
        }
        var admin = await App.StaffAsync(StaffRoles.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/office/breaches/{id}")).StatusCode);
    }
}

public sealed class BreachTestsOnSqlite(SqliteApp app) : BreachTests<SqliteApp>(app);

public sealed class BreachTestsOnPostgres(PostgresApp app) : BreachTests<PostgresApp>(app);
