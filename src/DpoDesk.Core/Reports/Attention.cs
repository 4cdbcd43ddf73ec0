using DpoDesk.Breaches;
using DpoDesk.Inquiries;
using DpoDesk.Persistence;
using DpoDesk.Regulator;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Reports;

/// <summary>What an item of the front page's "today" panel is about; the office words it.</summary>
public enum AttentionKind
{
    RequestsDueSoon = 1,
    RequestsOverdue = 2,
    RequestsAwaitingReview = 3,
    RequestsNew = 4,
    BreachesWithinClock = 5,
    BreachesPastClock = 6,
    RegulatorLettersDue = 7,
    InquiriesUnanswered = 8,
    ChatsUnanswered = 9,
}

/// <summary>
/// One line of the panel: how many, where the list of them is, and for breaches the hours left of the
/// soonest 72-hour clock. Urgent lines are those where a legal deadline is already missed or about to be.
/// </summary>
public sealed record AttentionItem(AttentionKind Kind, int Count, string Link, bool Urgent, int? HoursLeft = null);

/// <summary>An incoming letter of the regulator waiting for our answer.</summary>
public sealed record UrgentLetter(long CaseId, string Reference, string Title, DateOnly DueOn);

/// <summary>The front page's "needs attention today": counts built with the desks' own rules, never copies of them.</summary>
public static class Attention
{
    /// <summary>Regulator letters not answered whose KPA deadline is within this many days, or past.</summary>
    public const int LetterDays = 3;

    /// <summary>Incoming letters of open cases not answered whose deadline is within <see cref="LetterDays"/> days, or past.</summary>
    public static IQueryable<UrgentLetter> UrgentLetters(DpoDeskDbContext db, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        var soon = today.AddDays(LetterDays);
        return from letter in db.CaseLetters
               join @case in db.RegulatorCases on letter.CaseId equals @case.Id
               where letter.Direction == LetterDirection.Incoming && letter.AnsweredById == null && letter.DueOn != null && letter.DueOn <= soon && @case.State != CaseState.Closed
               orderby letter.DueOn
               select new UrgentLetter(@case.Id, @case.Reference, letter.Title, letter.DueOn!.Value);
    }

    /// <summary>The panel's lines; the desk's view counts are taken from <paramref name="viewCounts"/> when the caller has them already (the queue counts them too).</summary>
    public static async Task<IReadOnlyList<AttentionItem>> ForTodayAsync(DpoDeskDbContext db, DateTime now, CancellationToken ct, IReadOnlyDictionary<string, int>? viewCounts = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = Deadlines.PolishDate(now);
        var items = new List<AttentionItem>();
        async Task<int> CountView(string view) => viewCounts is not null && viewCounts.TryGetValue(view, out var count)
            ? count
            : await DeskViews.View(db.Requests.AsNoTracking(), view, now, today).CountAsync(ct).ConfigureAwait(false);

        items.Add(new(AttentionKind.RequestsOverdue, await CountView(DeskViews.Overdue).ConfigureAwait(false), "/office?widok=" + DeskViews.Overdue, Urgent: true));
        items.Add(new(AttentionKind.RequestsDueSoon, await CountView(DeskViews.DueSoon).ConfigureAwait(false), "/office?widok=" + DeskViews.DueSoon, Urgent: true));
        items.Add(new(AttentionKind.RequestsAwaitingReview, await CountView(DeskViews.NeedsReview).ConfigureAwait(false), "/office?widok=" + DeskViews.NeedsReview, Urgent: false));
        items.Add(new(AttentionKind.RequestsNew, await CountView(DeskViews.New).ConfigureAwait(false), "/office?widok=" + DeskViews.New, Urgent: false));

        // Breaches without a decision about the regulator: those whose 72 hours still run (Breach.ClockRunning), and those past them.
        var undecided = await db.Breaches.AsNoTracking().Where(b => b.NotifyAuthority == null).Select(b => b.AwareAt).ToListAsync(ct).ConfigureAwait(false);
        var running = undecided.Select(at => at + Breach.NotificationWindow).Where(deadline => now < deadline).ToList();
        items.Add(new(AttentionKind.BreachesWithinClock, running.Count, "/office/breaches", Urgent: true,
            HoursLeft: running.Count == 0 ? null : (int)(running.Min() - now).TotalHours));
        items.Add(new(AttentionKind.BreachesPastClock, undecided.Count - running.Count, "/office/breaches", Urgent: true));

        items.Add(new(AttentionKind.RegulatorLettersDue, await UrgentLetters(db, today).CountAsync(ct).ConfigureAwait(false), "/office/cases", Urgent: true));
        items.Add(new(AttentionKind.InquiriesUnanswered, await db.Inquiries.CountAsync(i => i.State == InquiryState.Open, ct).ConfigureAwait(false),
            "/office/inquiries?stan=" + InquiryState.Open, Urgent: false));
        items.Add(new(AttentionKind.ChatsUnanswered, await Chat.ChatDesk.CountUnansweredAsync(db, ct).ConfigureAwait(false), "/office/chat", Urgent: false));
        return items;
    }
}
