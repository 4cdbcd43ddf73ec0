using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using DpoDesk.Regulator;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The regulator desk: cases, letters with KPA deadlines, the evidence pack, reminders and statistics.</summary>
public abstract class CaseTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% pismo UODO\n%%EOF\n");

    static string Reference() => $"DKN.5101.{Random.Shared.Next(1, 99999)}.{Random.Shared.Next(2019, 2027)}";

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw")));

    async Task<long> OpenCaseAsync(HttpClient lawyer, string reference, string assignee)
    {
        using var opened = await DpoDeskApp.PostFormAsync(lawyer, "/office/cases",
            [F("Reference", reference), F("Subject", "Complaint"), F("Channel", "Epuap"), F("Summary", "Skarga na brak usunięcia danych."), F("AssignedTo", assignee)]);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return long.Parse(opened.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    static async Task<HttpResponseMessage> AddLetterAsync(HttpClient lawyer, long caseId, string direction, string title, DateOnly date, int? days = null, long? answers = null)
    {
        var page = await lawyer.GetStringAsync($"/office/cases/{caseId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(DpoDeskApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(direction), "Direction" },
            { new StringContent(title), "LetterTitle" },
            { new StringContent(Day(date)), "LetterDate" },
            { new StringContent(days?.ToString(CultureInfo.InvariantCulture) ?? ""), "ReplyDays" },
            { new StringContent(answers?.ToString(CultureInfo.InvariantCulture) ?? ""), "Answers" },
            { new ByteArrayContent(Pdf), "Document", "pismo.pdf" },
        };
        return await lawyer.PostAsync($"/office/cases/{caseId}?handler=Letter", form);
    }

    [Fact]
    public async Task A_case_reference_must_look_like_the_regulators()
    {
        var lawyer = await App.StaffAsync(StaffRoles.Lawyer);
        using var wrong = await DpoDeskApp.PostFormAsync(lawyer, "/office/cases", [F("Reference", "sprawa 12"), F("Subject", "Complaint"), F("Channel", "Post"), F("Summary", "x"), F("AssignedTo", "a@b.pl")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("DKN.5101.192.2020", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        using var refused = await DpoDeskApp.PostFormAsync(operatorBrowser, "/office/cases", [F("Reference", Reference()), F("Subject", "Complaint"), F("Channel", "Post"), F("Summary", "x"), F("AssignedTo", "a@b.pl")]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_case_goes_from_the_regulators_letter_to_the_evidence_pack_and_its_answer()
    {
        // A person's request, done, that the complaint is about.
        var email = DpoDeskApp.UniqueEmail("skarzacy");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Stefan Skarżący", email));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number)));
        await App.Smtp.WaitForAsync(email, "zrealizowane");
        await App.AllDeliveredAsync(number);

        var lawyerEmail = await App.CreateStaffAsync(StaffRoles.Lawyer);
        var lawyer = App.Browser();
        await App.SignInAsync(lawyer, lawyerEmail, DpoDeskApp.StaffPassword);
        var reference = Reference();
        var id = await OpenCaseAsync(lawyer, reference.ToLowerInvariant(), lawyerEmail);

        var delivered = Today.AddDays(-3);
        using (var letter = await AddLetterAsync(lawyer, id, "Incoming", "Wezwanie do wyjaśnień", delivered, days: 14))
            Assert.Equal(HttpStatusCode.Redirect, letter.StatusCode);
        var due = KpaDeadlines.DueOn(delivered, 14);
        var page = await lawyer.GetStringAsync($"/office/cases/{id}");
        Assert.Contains(reference, page, StringComparison.Ordinal);
        Assert.Contains(due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("pl-PL")), page, StringComparison.Ordinal);
        Assert.Contains("w odpowiedzi", page, StringComparison.Ordinal);

        using (var linked = await DpoDeskApp.PostFormAsync(lawyer, $"/office/cases/{id}", [F("Number", number.ToLowerInvariant())], $"/office/cases/{id}?handler=Link"))
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);

        var evidence = DpoDeskApp.PdfText(await lawyer.GetByteArrayAsync($"/office/cases/{id}/evidence.pdf"));
        Assert.Contains(reference, evidence, StringComparison.Ordinal);
        Assert.Contains($"Zgłoszenie {number}", evidence, StringComparison.Ordinal);
        Assert.Contains("Wezwanie do wyjaśnień", evidence, StringComparison.Ordinal);
        Assert.Contains("Completed", evidence, StringComparison.Ordinal);
        Assert.Contains("Erased", evidence, StringComparison.Ordinal);
        Assert.Contains("Sent", evidence, StringComparison.Ordinal);
        Assert.Contains("Łańcuch nienaruszony", evidence, StringComparison.Ordinal);

        var zipBytes = await lawyer.GetByteArrayAsync($"/office/cases/{id}/evidence.zip");
        using (var zip = new ZipArchive(new MemoryStream(zipBytes)))
        {
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("dowody-", StringComparison.Ordinal) && e.FullName.EndsWith(".pdf", StringComparison.Ordinal));
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("pisma/", StringComparison.Ordinal));
        }

        // The reply drafted from the evidence: the request, its dates and outcome, and the audit chain.
        var draft = DpoDeskApp.PdfText(await lawyer.GetByteArrayAsync($"/office/cases/{id}/reply-draft.pdf"));
        Assert.Contains(reference, draft, StringComparison.Ordinal);
        Assert.Contains(number, draft, StringComparison.Ordinal);
        Assert.Contains("zrealizowane", draft, StringComparison.Ordinal);
        Assert.Contains("umorzenie", draft, StringComparison.Ordinal);
        Assert.Contains("nienaruszony", draft, StringComparison.Ordinal);

        var incomingId = await App.QueryAsync(db => db.CaseLetters.Where(l => l.CaseId == id).Select(l => l.Id).SingleAsync());
        using (var answer = await AddLetterAsync(lawyer, id, "Outgoing", "Wyjaśnienia", Today, answers: incomingId))
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("odpowiedziano", await lawyer.GetStringAsync($"/office/cases/{id}"), StringComparison.Ordinal);

        using (var noAmount = await DpoDeskApp.PostFormAsync(lawyer, $"/office/cases/{id}", [F("State", "Closed"), F("Outcome", "Fine"), F("FineAmount", "")], $"/office/cases/{id}?handler=State"))
            Assert.Equal(HttpStatusCode.BadRequest, noAmount.StatusCode);
        using (var closed = await DpoDeskApp.PostFormAsync(lawyer, $"/office/cases/{id}", [F("State", "Closed"), F("Outcome", "Discontinued"), F("FineAmount", "")], $"/office/cases/{id}?handler=State"))
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var stored = await App.QueryAsync(db => db.RegulatorCases.SingleAsync(c => c.Id == id));
        Assert.Equal((CaseState.Closed, CaseOutcome.Discontinued), (stored.State, stored.Outcome));
        var list = await lawyer.GetStringAsync("/office/cases");
        Assert.Contains("umorzenie postępowania", list, StringComparison.Ordinal);
        Assert.Contains("Mediana czasu odpowiedzi:", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_due_soon_is_on_the_front_page_and_its_lawyer_is_reminded_once()
    {
        var lawyerEmail = await App.CreateStaffAsync(StaffRoles.Lawyer);
        var lawyer = App.Browser();
        await App.SignInAsync(lawyer, lawyerEmail, DpoDeskApp.StaffPassword);
        var reference = Reference();
        var id = await OpenCaseAsync(lawyer, reference, lawyerEmail);
        using (var letter = await AddLetterAsync(lawyer, id, "Incoming", "Ponaglenie", Today.AddDays(-10), days: 7))
            Assert.Equal(HttpStatusCode.Redirect, letter.StatusCode);

        var front = await lawyer.GetStringAsync("/office");
        Assert.Contains("Pisma UODO z terminem w ciągu 3 dni lub po terminie", front, StringComparison.Ordinal);
        Assert.Contains(reference, front, StringComparison.Ordinal);
        var reminder = await App.Smtp.WaitForAsync(lawyerEmail, reference);
        Assert.Contains("Ponaglenie", reminder.TextBody, StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Single(App.Smtp.To(lawyerEmail), m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
    }
}

public sealed class CaseTestsOnSqlite(SqliteApp app) : CaseTests<SqliteApp>(app);

public sealed class CaseTestsOnPostgres(PostgresApp app) : CaseTests<PostgresApp>(app);

/// <summary>The statistics on a register of their own: letters per year, outcomes and the median time to answer.</summary>
public sealed class CaseStatisticsTests(SqliteApp app) : DatabaseTests<SqliteApp>(app)
{
    [Fact]
    public async Task The_statistics_count_letters_per_year_outcomes_and_the_median_time_to_answer()
    {
        await App.QueryAsync(async db =>
        {
            RegulatorCase Case(string reference, CaseOutcome outcome, int answerDays)
            {
                var @case = new RegulatorCase { Reference = reference, Summary = "s", AssignedTo = "l@x.pl", State = CaseState.Closed, Outcome = outcome };
                var incoming = new CaseLetter { Direction = LetterDirection.Incoming, Title = "in", Date = new DateOnly(2025, 3, 3), RecordedBy = "t" };
                var outgoing = new CaseLetter { Direction = LetterDirection.Outgoing, Title = "out", Date = new DateOnly(2025, 3, 3).AddDays(answerDays), RecordedBy = "t" };
                @case.Letters.Add(incoming);
                @case.Letters.Add(outgoing);
                return @case;
            }
            db.RegulatorCases.AddRange(Case("DKN.5101.1.2025", CaseOutcome.Discontinued, 5), Case("DKN.5101.2.2025", CaseOutcome.Discontinued, 9), Case("DKN.5101.3.2025", CaseOutcome.Reprimand, 20));
            await db.SaveChangesAsync();
            foreach (var pair in await db.CaseLetters.GroupBy(l => l.CaseId).Select(g => new { In = g.Single(l => l.Direction == LetterDirection.Incoming).Id, Out = g.Single(l => l.Direction == LetterDirection.Outgoing).Id }).ToListAsync())
                await db.CaseLetters.Where(l => l.Id == pair.In).ExecuteUpdateAsync(s => s.SetProperty(l => l.AnsweredById, pair.Out));
            return 0;
        });

        var statistics = await App.QueryAsync(db => CaseWork.StatisticsAsync(db, CancellationToken.None));

        Assert.Equal([(2025, 3, 3)], statistics.LettersPerYear);
        Assert.Equal((CaseOutcome.Discontinued, 2, 66.7m), statistics.Outcomes[0]);
        Assert.Equal((CaseOutcome.Reprimand, 1, 33.3m), statistics.Outcomes[1]);
        Assert.Equal(9, statistics.MedianDaysToAnswer);
        var page = await (await App.StaffAsync(StaffRoles.Auditor)).GetStringAsync("/office/cases");
        Assert.Contains("umorzenie postępowania: 2 (66.7%)", page, StringComparison.Ordinal);
        Assert.Contains("9 dni", page, StringComparison.Ordinal);
    }
}
