using DpoDesk.Breaches;
using DpoDesk.Dpia;
using DpoDesk.Inquiries;
using DpoDesk.Persistence;
using DpoDesk.Regulator;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Reports;

/// <summary>Requests received in one month, by kind of action (a request may carry several), by channel, and found or not.</summary>
public sealed record RequestMonth(DateOnly Month, int Total, int Erasure, int SourceInquiry, int SharingObjection, int Web, int Post, int Found, int NotFound);

/// <summary>How long requests answered in the period took from receipt to the result.</summary>
public sealed record TimeToResult(int UnderOneHour, int OneToTwentyFourHours, int OneToThreeDays, int ThreeToSevenDays, int SevenToThirtyDays, int OverThirtyDays, int WithinHouseTarget)
{
    public int Total => UnderOneHour + OneToTwentyFourHours + OneToThreeDays + ThreeToSevenDays + SevenToThirtyDays + OverThirtyDays;

    public IReadOnlyList<int> Buckets => [UnderOneHour, OneToTwentyFourHours, OneToThreeDays, ThreeToSevenDays, SevenToThirtyDays, OverThirtyDays];

    /// <summary>Per cent answered within the 72-hour house promise, one decimal; null when nothing was answered.</summary>
    public decimal? WithinHouseTargetShare => Total == 0 ? null : Math.Round(100m * WithinHouseTarget / Total, 1);
}

/// <summary>Requests received in the period against their legal deadline (Art. 12(3)), the extended one where extended.</summary>
public sealed record DeadlineCompliance(int AnsweredInTime, int AnsweredLate, int OpenInTime, int OpenOverdue)
{
    public int Total => AnsweredInTime + AnsweredLate + OpenInTime + OpenOverdue;
}

public sealed record InquiryMonth(DateOnly Month, int Received, int Answered);

public sealed record LetterMonth(DateOnly Month, int Incoming, int Outgoing);

public sealed record RegulatorFigures(IReadOnlyList<LetterMonth> LettersPerMonth, int CasesOpened, int CasesClosed, IReadOnlyList<(CaseOutcome Outcome, int Count)> Outcomes, int LettersAnsweredLate);

public sealed record BreachFigures(int Total, IReadOnlyList<(SeverityBand Band, int Count)> BySeverity, int NotifiedToAuthority, int NotifiedToPersons, int DecidedWithin72Hours, int AwaitingDecision);

public sealed record DpiaFigures(int Total, int SignedOff, int InProgress, int NotRequired, int SignedOffInPeriod);

public sealed record RecordFigures(int Activities, DateTime? LastUpdated);

/// <summary>
/// Staff training (Art. 39(1)(b)) on the day the report is made: per person and assigned course, whether
/// the training is valid, runs out soon, has run out, or was never taken; and the courses passed in the period.
/// </summary>
public sealed record TrainingFigures(int Courses, int StaffAssigned, int Assignments, int Valid, int DueSoon, int Overdue, int NeverTaken, int PassedInPeriod);

/// <summary>The figures of the reports page and the annual DPO report (Art. 38(3)): counts only, never a person's data.</summary>
public sealed record OfficeReport(
    ReportPeriod Period,
    DateTime ComputedAt,
    IReadOnlyList<RequestMonth> RequestsPerMonth,
    TimeToResult TimeToResult,
    DeadlineCompliance Compliance,
    IReadOnlyList<InquiryMonth> InquiriesPerMonth,
    RegulatorFigures Regulator,
    BreachFigures Breaches,
    DpiaFigures Dpias,
    RecordFigures Records,
    TrainingFigures Training)
{
    public int RequestsTotal => RequestsPerMonth.Sum(m => m.Total);

    /// <summary>Computes the figures; grouping by month and by bucket happens in the database.</summary>
    public static async Task<OfficeReport> ComputeAsync(DpoDeskDbContext db, ReportPeriod period, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        var start = period.Start;
        var end = period.End;
        var months = period.Months;

        // Requests: only those the person confirmed or staff registered count; an unconfirmed one never became a request to answer.
        var received = db.Requests.AsNoTracking().Where(r => r.ReceivedAt >= start && r.ReceivedAt < end
            && r.State != RequestState.AwaitingConfirmation && r.State != RequestState.Expired);
        var perMonth = await received.GroupBy(period.MonthIndex<Request>(r => r.ReceivedAt))
            .Select(g => new
            {
                Month = g.Key,
                Total = g.Count(),
                Erasure = g.Count(r => (r.Actions & RequestActions.Erasure) != 0),
                Source = g.Count(r => (r.Actions & RequestActions.SourceInquiry) != 0),
                Objection = g.Count(r => (r.Actions & RequestActions.SharingObjection) != 0),
                Web = g.Count(r => r.Channel == RequestChannel.Web),
                Post = g.Count(r => r.Channel == RequestChannel.Post),
                Found = g.Count(r => r.Outcome == RequestOutcome.DataFound),
                NotFound = g.Count(r => r.Outcome == RequestOutcome.NoDataFound),
            }).ToListAsync(ct).ConfigureAwait(false);
        var requestMonths = months.Select((month, i) => perMonth.FirstOrDefault(m => m.Month == i) is { } m
            ? new RequestMonth(month, m.Total, m.Erasure, m.Source, m.Objection, m.Web, m.Post, m.Found, m.NotFound)
            : new RequestMonth(month, 0, 0, 0, 0, 0, 0, 0, 0)).ToList();

        // Time to result: requests answered (completed or refused) in the period, from receipt to the answer.
        var answered = db.Requests.AsNoTracking().Where(r => (r.State == RequestState.Completed || r.State == RequestState.Refused)
            && r.CompletedAt >= start && r.CompletedAt < end);
        var buckets = await answered.GroupBy(r =>
                r.CompletedAt < r.ReceivedAt.AddHours(1) ? 0
                : r.CompletedAt < r.ReceivedAt.AddHours(24) ? 1
                : r.CompletedAt < r.ReceivedAt.AddHours(72) ? 2
                : r.CompletedAt < r.ReceivedAt.AddDays(7) ? 3
                : r.CompletedAt < r.ReceivedAt.AddDays(30) ? 4
                : 5)
            .Select(g => new { Bucket = g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        // The house promise is the request's own target, as the queue shows it ("po celu").
        var withinTarget = await answered.CountAsync(r => r.CompletedAt <= r.TargetAt, ct).ConfigureAwait(false);
        int Bucket(int i) => buckets.FirstOrDefault(b => b.Bucket == i)?.Count ?? 0;
        var timeToResult = new TimeToResult(Bucket(0), Bucket(1), Bucket(2), Bucket(3), Bucket(4), Bucket(5), withinTarget);

        var compliance = await ComplianceAsync(db, received, now, ct).ConfigureAwait(false);

        // Inquiries: received per month, and how many of them the office answered at least once.
        var inquiries = db.Inquiries.AsNoTracking().Where(i => i.CreatedAt >= start && i.CreatedAt < end);
        var inquiryMonths = await inquiries.GroupBy(period.MonthIndex<Inquiry>(i => i.CreatedAt))
            .Select(g => new { Month = g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var answeredMonths = await inquiries.Where(i => db.InquiryMessages.Any(m => m.InquiryId == i.Id && m.Direction == MessageDirection.Outgoing))
            .GroupBy(period.MonthIndex<Inquiry>(i => i.CreatedAt))
            .Select(g => new { Month = g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var inquiryFigures = months.Select((month, i) => new InquiryMonth(month,
            inquiryMonths.FirstOrDefault(m => m.Month == i)?.Count ?? 0, answeredMonths.FirstOrDefault(m => m.Month == i)?.Count ?? 0)).ToList();

        var regulator = await RegulatorAsync(db, period, ct).ConfigureAwait(false);
        var breaches = await BreachesAsync(db, period, ct).ConfigureAwait(false);

        var dpiaStates = await db.Assessments.AsNoTracking().GroupBy(a => a.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        int Dpias(DpiaState state) => dpiaStates.FirstOrDefault(s => s.State == state)?.Count ?? 0;
        var signedInPeriod = await db.Assessments.CountAsync(a => a.State == DpiaState.SignedOff && a.SignedOffAt >= start && a.SignedOffAt < end, ct).ConfigureAwait(false);
        var dpias = new DpiaFigures(dpiaStates.Sum(s => s.Count), Dpias(DpiaState.SignedOff), Dpias(DpiaState.InProgress), Dpias(DpiaState.NotRequired), signedInPeriod);

        var activities = await db.ProcessingActivities.CountAsync(ct).ConfigureAwait(false);
        var lastUpdate = activities == 0 ? (DateTime?)null : await db.ProcessingActivities.MaxAsync(a => a.UpdatedAt, ct).ConfigureAwait(false);

        var training = await TrainingAsync(db, period, now, ct).ConfigureAwait(false);

        return new OfficeReport(period, now, requestMonths, timeToResult, compliance, inquiryFigures, regulator, breaches, dpias, new RecordFigures(activities, lastUpdate), training);
    }

    /// <summary>Counted with the training desk's own overview, so the report and the DPO's overview agree.</summary>
    static async Task<TrainingFigures> TrainingAsync(DpoDeskDbContext db, ReportPeriod period, DateTime now, CancellationToken ct)
    {
        var (courses, rows) = await DpoDesk.Training.TrainingDesk.OverviewAsync(db, now, ct).ConfigureAwait(false);
        var statuses = rows.SelectMany(r => r.Courses).OfType<DpoDesk.Training.TrainingStatus>().ToList();
        int Count(Training.TrainingState state) => statuses.Count(s => s.State == state);
        var passed = await db.TrainingCompletions.CountAsync(c => c.Passed && c.CompletedAt >= period.Start && c.CompletedAt < period.End, ct).ConfigureAwait(false);
        return new TrainingFigures(courses.Count, rows.Count(r => r.Courses.Any(c => c is not null)), statuses.Count,
            Count(DpoDesk.Training.TrainingState.Valid), Count(DpoDesk.Training.TrainingState.DueSoon), Count(DpoDesk.Training.TrainingState.Overdue), Count(DpoDesk.Training.TrainingState.NeverTaken), passed);
    }

    /// <summary>
    /// Answered in time or late is decided by the Polish calendar day of the answer against the deadline in
    /// force, so it is judged per request; the open ones are counted with the desk's own views.
    /// </summary>
    static async Task<DeadlineCompliance> ComplianceAsync(DpoDeskDbContext db, IQueryable<Request> received, DateTime now, CancellationToken ct)
    {
        var today = Deadlines.PolishDate(now);
        var closed = await received.Where(r => (r.State == RequestState.Completed || r.State == RequestState.Refused) && r.CompletedAt != null)
            .Select(r => new { r.CompletedAt, Due = r.ExtendedDueOn ?? r.DueOn }).ToListAsync(ct).ConfigureAwait(false);
        var inTime = closed.Count(r => Deadlines.PolishDate(r.CompletedAt!.Value) <= r.Due);
        var running = await DeskViews.View(received, DeskViews.InProgress, now, today).CountAsync(ct).ConfigureAwait(false);
        var overdue = await DeskViews.View(received, DeskViews.Overdue, now, today).CountAsync(ct).ConfigureAwait(false);
        return new DeadlineCompliance(inTime, closed.Count - inTime, running - overdue, overdue);
    }

    static async Task<RegulatorFigures> RegulatorAsync(DpoDeskDbContext db, ReportPeriod period, CancellationToken ct)
    {
        var first = period.FirstDay;
        var after = period.EndDay;
        var letters = await db.CaseLetters.AsNoTracking().Where(l => l.Date >= first && l.Date < after)
            .GroupBy(l => new { l.Date.Month, l.Direction })
            .Select(g => new { g.Key.Month, g.Key.Direction, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var perMonth = period.Months.Select(m => new LetterMonth(m,
            letters.Where(l => l.Month == m.Month && l.Direction == LetterDirection.Incoming).Sum(l => l.Count),
            letters.Where(l => l.Month == m.Month && l.Direction == LetterDirection.Outgoing).Sum(l => l.Count))).ToList();
        var start = period.Start;
        var end = period.End;
        var opened = await db.RegulatorCases.CountAsync(c => c.CreatedAt >= start && c.CreatedAt < end, ct).ConfigureAwait(false);
        var outcomes = await db.RegulatorCases.AsNoTracking().Where(c => c.State == CaseState.Closed && c.ClosedAt >= start && c.ClosedAt < end)
            .GroupBy(c => c.Outcome).Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        // An incoming letter of the period answered after its KPA deadline (the answer's date against the stored deadline).
        var late = await (from letter in db.CaseLetters
                          join answer in db.CaseLetters on letter.AnsweredById equals answer.Id
                          where letter.Direction == LetterDirection.Incoming && letter.Date >= first && letter.Date < after && letter.DueOn != null && answer.Date > letter.DueOn
                          select letter.Id).CountAsync(ct).ConfigureAwait(false);
        return new RegulatorFigures(perMonth, opened, outcomes.Sum(o => o.Count),
            outcomes.OrderBy(o => o.Outcome).Select(o => (o.Outcome, o.Count)).ToList(), late);
    }

    /// <summary>The ENISA score is computed from the breach's inputs, never stored, so the bands are counted here.</summary>
    static async Task<BreachFigures> BreachesAsync(DpoDeskDbContext db, ReportPeriod period, CancellationToken ct)
    {
        var start = period.Start;
        var end = period.End;
        var breaches = await db.Breaches.AsNoTracking().Where(b => b.AwareAt >= start && b.AwareAt < end).ToListAsync(ct).ConfigureAwait(false);
        var bands = Enum.GetValues<SeverityBand>().Select(band => (band, breaches.Count(b => b.Severity().Band == band))).ToList();
        return new BreachFigures(
            breaches.Count,
            bands,
            breaches.Count(b => b.NotifyAuthority == true),
            breaches.Count(b => b.NotifyPersons == true),
            breaches.Count(b => b.DecidedAt is { } at && at <= b.NotificationDeadline),
            breaches.Count(b => b.NotifyAuthority is null));
    }
}
