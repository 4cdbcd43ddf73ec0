using System.Net;
using System.Text.RegularExpressions;
using DpoDesk.Breaches;
using DpoDesk.Dpia;
using DpoDesk.Inquiries;
using DpoDesk.Persistence;
using DpoDesk.Regulator;
using DpoDesk.Requests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>
/// A known office for the reports: a past year (2025) whose figures never change, and a few open things
/// dated from now, for the front page's "today" panel. Seeded once per app.
/// </summary>
public static class ReportSeed
{
    public const int Year = 2025;
    public const string FormulaSubject = "=HYPERLINK(\"http://zly.example\";\"kliknij\")";

    static DateTime At(int month, int day, int hour = 10) => new(Year, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>The number of the open request received 45 days ago, overdue today.</summary>
    public const string OverdueNumber = "IOD/2026/990008";

    public static async Task SeedAsync(DpoDeskApp app, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.QueryAsync(async db =>
        {
            if (await db.RegulatorCases.AnyAsync(c => c.Reference == "DKN.5101.12.2025"))
                return 0;
            Requests(db, now);
            Inquiries(db, now);
            Cases(db, now);
            Breaches(db, now);
            Assessments(db);
            return await db.SaveChangesAsync();
        });
    }

    static Request NewRequest(string number, DateTime received, RequestActions actions, RequestChannel channel, RequestState state, RequestOutcome outcome = RequestOutcome.None, TimeSpan? took = null) => new()
    {
        Number = number,
        Actions = actions,
        Channel = channel,
        State = state,
        Outcome = outcome,
        Language = "pl",
        SubmissionKey = Guid.NewGuid(),
        ReceivedAt = received,
        ConfirmationExpiresAt = received.AddDays(7),
        ConfirmedAt = state == RequestState.AwaitingConfirmation ? null : received,
        CompletedAt = took is { } t ? received + t : null,
        DueOn = Deadlines.LegalDueOn(received),
        TargetAt = received + Deadlines.HouseTarget,
    };

    static void Requests(DpoDeskDbContext db, DateTime now)
    {
        db.Requests.AddRange(
            // 2025: six answered, one in each time bucket; one refused late; one still open and overdue.
            NewRequest("IOD/2025/990001", At(1, 10), RequestActions.Erasure, RequestChannel.Web, RequestState.Completed, RequestOutcome.DataFound, TimeSpan.FromMinutes(30)),
            NewRequest("IOD/2025/990002", At(1, 20), RequestActions.Erasure | RequestActions.SourceInquiry, RequestChannel.Web, RequestState.Completed, RequestOutcome.NoDataFound, TimeSpan.FromHours(5)),
            NewRequest("IOD/2025/990003", At(2, 3), RequestActions.SharingObjection, RequestChannel.Post, RequestState.Completed, RequestOutcome.DataFound, TimeSpan.FromHours(50)),
            NewRequest("IOD/2025/990004", At(3, 1), RequestActions.Erasure, RequestChannel.Post, RequestState.Completed, RequestOutcome.NoDataFound, TimeSpan.FromDays(5)),
            NewRequest("IOD/2025/990005", At(3, 2), RequestActions.SourceInquiry, RequestChannel.Web, RequestState.Refused, RequestOutcome.None, TimeSpan.FromDays(40)),
            NewRequest("IOD/2025/990006", At(4, 1), RequestActions.Erasure, RequestChannel.Web, RequestState.Completed, RequestOutcome.DataFound, TimeSpan.FromDays(10)),
            NewRequest("IOD/2025/990007", At(11, 3), RequestActions.Erasure, RequestChannel.Post, RequestState.NeedsReview),
            // Never confirmed, or expired: not requests to answer, so not in the figures.
            NewRequest("IOD/2025/990009", At(2, 14), RequestActions.Erasure, RequestChannel.Web, RequestState.Expired, RequestOutcome.NotConfirmed, TimeSpan.FromDays(7)),
            // Open now: one due within the week, one overdue, one not yet confirmed.
            NewRequest("IOD/2026/990007", now.AddDays(-26), RequestActions.Erasure, RequestChannel.Post, RequestState.AwaitingVerification),
            NewRequest(OverdueNumber, now.AddDays(-45), RequestActions.SourceInquiry, RequestChannel.Post, RequestState.NeedsReview),
            NewRequest("IOD/2026/990010", now.AddHours(-1), RequestActions.Erasure, RequestChannel.Web, RequestState.AwaitingConfirmation));
    }

    static Inquiry NewInquiry(string subject, DateTime created, InquiryState state, bool answered)
    {
        var inquiry = new Inquiry { Subject = subject, FromAddress = DpoDeskApp.UniqueEmail("pytanie"), FromName = "Pytający", State = state, CreatedAt = created, LastMessageAt = created };
        inquiry.Messages.Add(new InquiryMessage { Direction = MessageDirection.Incoming, MessageId = $"<{Guid.NewGuid():N}@mail.example>", From = inquiry.FromAddress, Subject = subject, Body = "Pytanie", At = created });
        if (answered)
            inquiry.Messages.Add(new InquiryMessage { Direction = MessageDirection.Outgoing, MessageId = $"<{Guid.NewGuid():N}@dpodesk.test>", From = "iod@dpodesk.test", Subject = "Re: " + subject, Body = "Odpowiedź", At = created.AddHours(3), Author = "iod@staff.test" });
        return inquiry;
    }

    static void Inquiries(DpoDeskDbContext db, DateTime now) => db.Inquiries.AddRange(
        NewInquiry("Skąd macie moje dane?", At(1, 5), InquiryState.Answered, answered: true),
        NewInquiry("Spam", At(1, 7), InquiryState.Closed, answered: false),
        NewInquiry("Jak długo przechowujecie dane?", At(3, 3), InquiryState.Answered, answered: true),
        NewInquiry(FormulaSubject, now.AddDays(-2), InquiryState.Open, answered: false),
        NewInquiry("Prośba o kontakt", now.AddDays(-1), InquiryState.Open, answered: false));

    static CaseLetter Letter(LetterDirection direction, DateOnly date, int? days = null) => new()
    {
        Direction = direction,
        Title = direction == LetterDirection.Incoming ? "Wezwanie do wyjaśnień" : "Odpowiedź",
        Date = date,
        ReplyDays = days,
        DueOn = days is { } d ? KpaDeadlines.DueOn(date, d) : null,
        RecordedBy = "iod@staff.test",
        RecordedAt = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
    };

    static void Cases(DpoDeskDbContext db, DateTime now)
    {
        var today = Deadlines.PolishDate(now);
        var open = new RegulatorCase { Reference = "DKN.5101.12.2025", Subject = CaseSubject.Complaint, Channel = CaseChannel.Epuap, Summary = "Skarga na brak odpowiedzi", AssignedTo = "prawnik@staff.test", State = CaseState.Answering, CreatedAt = At(2, 1) };
        var closed = new RegulatorCase { Reference = "DS.523.100.2025", Subject = CaseSubject.Inquiry, Channel = CaseChannel.Post, Summary = "Zapytanie o źródło danych", AssignedTo = "prawnik@staff.test", State = CaseState.Closed, Outcome = CaseOutcome.Discontinued, CreatedAt = At(3, 3), ClosedAt = At(4, 15) };
        db.RegulatorCases.AddRange(open, closed);
        var february = Letter(LetterDirection.Incoming, new DateOnly(Year, 2, 3), 14);
        var februaryAnswer = Letter(LetterDirection.Outgoing, new DateOnly(Year, 2, 12));
        var march = Letter(LetterDirection.Incoming, new DateOnly(Year, 3, 3), 7);
        var marchAnswer = Letter(LetterDirection.Outgoing, new DateOnly(Year, 3, 20));
        // Delivered yesterday with two days to answer: due within three days, so on the front page.
        var pending = Letter(LetterDirection.Incoming, today.AddDays(-1), 2);
        pending.DueOn = today.AddDays(1);
        open.Letters.AddRange([february, februaryAnswer, pending]);
        closed.Letters.AddRange([march, marchAnswer]);
        db.SaveChanges();
        february.AnsweredById = februaryAnswer.Id;
        march.AnsweredById = marchAnswer.Id;
    }

    static Breach NewBreach(string reference, DateTime aware, DataKinds kinds, Identifiability ei, ConfidentialityLoss confidentiality, IntegrityLoss integrity = IntegrityLoss.None) => new()
    {
        Reference = reference,
        Title = "Naruszenie " + reference,
        Nature = "Opis naruszenia",
        AwareAt = aware,
        DataKinds = kinds,
        Identifiability = ei,
        Confidentiality = confidentiality,
        Integrity = integrity,
        CreatedAt = aware,
        CreatedBy = "iod@staff.test",
    };

    static void Breaches(DpoDeskDbContext db, DateTime now)
    {
        // 2025: financial data, significant identification, recoverable integrity: 3 × 0.75 + 0.25 = 2.5, medium; decided in a day.
        var medium = NewBreach("NAR/2025/901", At(3, 3), DataKinds.Financial, Identifiability.Significant, ConfidentialityLoss.None, IntegrityLoss.Recoverable);
        medium.NotifyAuthority = true;
        medium.NotifyPersons = true;
        medium.DecidedAt = medium.AwareAt.AddHours(24);
        // 2025: sensitive data, maximum identification, unknown recipients: 4 × 1 + 0.5 = 4.5, very high; decided after 100 hours.
        var veryHigh = NewBreach("NAR/2025/902", At(7, 7), DataKinds.Sensitive, Identifiability.Maximum, ConfidentialityLoss.UnknownRecipients);
        veryHigh.NotifyAuthority = true;
        veryHigh.NotifyPersons = false;
        veryHigh.DecidedAt = veryHigh.AwareAt.AddHours(100);
        // Now: one whose 72 hours run (24 h gone), one past them, neither decided.
        var running = NewBreach("NAR/2026/903", now.AddHours(-24), DataKinds.Simple, Identifiability.Maximum, ConfidentialityLoss.KnownRecipients);
        var past = NewBreach("NAR/2026/904", now.AddDays(-5), DataKinds.Simple, Identifiability.Maximum, ConfidentialityLoss.KnownRecipients);
        db.Breaches.AddRange(medium, veryHigh, running, past);
    }

    static void Assessments(DpoDeskDbContext db) => db.Assessments.AddRange(
        new DataProtectionAssessment { Title = "Profilowanie kontaktów", Criteria = ScreeningCriteria.LargeScale | ScreeningCriteria.MatchingOrCombiningDatasets, State = DpiaState.SignedOff, SignedOffBy = "iod@staff.test", SignedOffAt = At(5, 5), Version = 3, UpdatedAt = At(5, 5), UpdatedBy = "iod@staff.test" },
        new DataProtectionAssessment { Title = "Nowy eksport", Criteria = ScreeningCriteria.LargeScale | ScreeningCriteria.InnovativeTechnology, State = DpiaState.InProgress, Version = 1, UpdatedAt = At(6, 1), UpdatedBy = "iod@staff.test" });

    /// <summary>The rows of the table with this id, each as its cells' text.</summary>
    public static List<string[]> TableRows(string html, string id)
    {
        var table = Regex.Match(html, $"<table id=\"{Regex.Escape(id)}\".*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"The page has the table {id}");
        var body = table.Value[table.Value.IndexOf("<tbody>", StringComparison.Ordinal)..];
        return Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(row => Regex.Matches(row.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value).Trim()).ToArray())
            .ToList();
    }

}
