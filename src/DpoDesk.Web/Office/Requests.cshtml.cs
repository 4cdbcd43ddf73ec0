using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Suppression;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>
/// The request desk: queue views (new, awaiting confirmation, needs review, in progress, due soon,
/// overdue, closed), filters, and search by number, e-mail or phone, paged, newest first.
/// </summary>
public sealed class RequestsModel(DpoDeskDbContext db, TimeProvider time, SuppressionKeys keys, OfficeAudit audit, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    public static IReadOnlyList<string> Views => DeskViews.Views;

    public sealed record Row(long Id, string Number, RequestActions Actions, RequestChannel Channel, RequestState State, DateTime ReceivedAt, DateOnly DueOn, DateTime TargetAt, bool PastTarget, bool Overdue, bool Extended, bool Duplicate);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public string View { get; private set; } = "wszystkie";
    public RequestState? State { get; private set; }
    public RequestActions? Type { get; private set; }
    public RequestChannel? Channel { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
    public string? Query { get; private set; }

    /// <summary>Breaches whose 72 hours are running, or ran out, without a decision about the regulator.</summary>
    public IReadOnlyList<Breaches.Breach> UrgentBreaches { get; private set; } = [];
    public DateTime Now { get; private set; }

    /// <summary>Regulator letters not answered whose deadline is within three days, or past.</summary>
    public IReadOnlyList<(long CaseId, string Reference, string Title, DateOnly DueOn)> UrgentLetters { get; private set; } = [];

    /// <summary>Said when a search term is neither a number, an e-mail nor a phone.</summary>
    public bool QueryNotUnderstood { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? widok, RequestState? stan, RequestActions? rodzaj, RequestChannel? kanal, DateOnly? od, DateOnly? @do, string? q, int strona = 1, CancellationToken ct = default)
    {
        // An administrator or the data team, not also case staff, have nothing to see here.
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ReadCases)).Succeeded)
            return Redirect((await authorization.AuthorizeAsync(User, OfficePolicies.ManageLicensing)).Succeeded ? "/office/licensing" : "/office/account");

        PageNumber = Math.Clamp(strona, 1, 100_000);
        View = widok is not null && DeskViews.Views.Contains(widok) ? widok : DeskViews.All;
        State = stan is { } s && Enum.IsDefined(s) ? s : null;
        Type = rodzaj is RequestActions.Erasure or RequestActions.SourceInquiry or RequestActions.SharingObjection ? rodzaj : null;
        Channel = kanal is { } c && Enum.IsDefined(c) ? c : null;
        From = od;
        To = @do;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();

        var now = time.GetUtcNow().UtcDateTime;
        var today = Deadlines.PolishDate(now);
        var query = db.Requests.AsNoTracking();
        query = DeskViews.View(query, View, now, today);
        if (State is { } state)
            query = query.Where(r => r.State == state);
        if (Type is { } type)
            query = query.Where(r => (r.Actions & type) == type);
        if (Channel is { } channel)
            query = query.Where(r => r.Channel == channel);
        if (From is { } from)
        {
            var since = Deadlines.PolishMidnight(from);
            query = query.Where(r => r.ReceivedAt >= since);
        }
        if (To is { } to)
        {
            var until = Deadlines.PolishMidnight(to.AddDays(1));
            query = query.Where(r => r.ReceivedAt < until);
        }
        if (Query is not null)
        {
            var (filtered, how) = DeskViews.Search(query, Query, keys);
            query = filtered;
            QueryNotUnderstood = how is null;
            await audit.RecordAsync(AuditActions.RequestSearched, null, how is null ? "search not understood" : $"search by {how}", ct);
        }

        Counts = await CountViewsAsync(now, today, ct);
        Now = now;
        var soon = today.AddDays(3);
        UrgentLetters = (await (from letter in db.CaseLetters
                                join @case in db.RegulatorCases on letter.CaseId equals @case.Id
                                where letter.Direction == Regulator.LetterDirection.Incoming && letter.AnsweredById == null && letter.DueOn != null && letter.DueOn <= soon && @case.State != Regulator.CaseState.Closed
                                orderby letter.DueOn
                                select new { @case.Id, @case.Reference, letter.Title, letter.DueOn }).Take(20).ToListAsync(ct))
            .Select(l => (l.Id, l.Reference, l.Title, l.DueOn!.Value)).ToList();
        UrgentBreaches = await db.Breaches.AsNoTracking().Where(b => b.NotifyAuthority == null).OrderBy(b => b.AwareAt).Take(20).ToListAsync(ct);
        Total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new { r.Id, r.Number, r.Actions, r.Channel, r.State, r.ReceivedAt, r.DueOn, r.ExtendedDueOn, r.TargetAt, r.CompletedAt, r.DuplicateOfId })
            .ToListAsync(ct);
        Rows = page.Select(r =>
        {
            var open = DpoDesk.Requests.Request.IsOpenState(r.State);
            var due = r.ExtendedDueOn ?? r.DueOn;
            var pastTarget = open ? r.TargetAt < now : r.State == RequestState.Completed && r.CompletedAt > r.TargetAt;
            return new Row(r.Id, r.Number, r.Actions, r.Channel, r.State, r.ReceivedAt, due, r.TargetAt, pastTarget,
                open && r.State != RequestState.AwaitingConfirmation && due < today, r.ExtendedDueOn is not null, r.DuplicateOfId is not null);
        }).ToList();
        return Page();
    }

    /// <summary>The link to this list with one parameter changed (and the page reset unless it is the page).</summary>
    public string Link(string? view = null, int? page = null)
    {
        var parts = new List<string> { "widok=" + (view ?? View) };
        if (State is { } s) parts.Add("stan=" + s);
        if (Type is { } t) parts.Add("rodzaj=" + t);
        if (Channel is { } c) parts.Add("kanal=" + c);
        if (From is { } f) parts.Add("od=" + f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (To is { } to) parts.Add("do=" + to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (Query is not null) parts.Add("q=" + Uri.EscapeDataString(Query));
        if (page is > 1) parts.Add("strona=" + page);
        return "/office?" + string.Join("&", parts);
    }

    async Task<Dictionary<string, int>> CountViewsAsync(DateTime now, DateOnly today, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>();
        foreach (var view in DeskViews.Counted)
            counts[view] = await DeskViews.View(db.Requests.AsNoTracking(), view, now, today).CountAsync(ct);
        return counts;
    }
}
