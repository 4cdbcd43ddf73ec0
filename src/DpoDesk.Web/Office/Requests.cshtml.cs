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

    /// <summary>The "needs attention today" panel: counts with links to the lists they count.</summary>
    public IReadOnlyList<DpoDesk.Reports.AttentionItem> Attention { get; private set; } = [];

    /// <summary>Said when a search term is neither a number, an e-mail nor a phone.</summary>
    public bool QueryNotUnderstood { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? widok, RequestState? stan, RequestActions? rodzaj, RequestChannel? kanal, DateOnly? od, DateOnly? @do, string? q, int strona = 1, CancellationToken ct = default)
    {
        // An administrator or the data team, not also case staff, have nothing to see here.
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ReadCases)).Succeeded)
            return Redirect((await authorization.AuthorizeAsync(User, OfficePolicies.ManageLicensing)).Succeeded ? "/office/licensing" : "/office/account");

        PageNumber = Math.Clamp(strona, 1, 100_000);
        var now = time.GetUtcNow().UtcDateTime;
        var today = Deadlines.PolishDate(now);
        var query = await FilterAsync(widok, stan, rodzaj, kanal, od, @do, q, now, today, ct);

        Counts = await CountViewsAsync(now, today, ct);
        Now = now;
        Attention = await DpoDesk.Reports.Attention.ForTodayAsync(db, now, ct, Counts);
        UrgentLetters = (await DpoDesk.Reports.Attention.UrgentLetters(db, today).Take(20).ToListAsync(ct))
            .Select(l => (l.CaseId, l.Reference, l.Title, l.DueOn)).ToList();
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

    /// <summary>The queue as filtered by the page's parameters: the page and its CSV export show the same requests.</summary>
    async Task<IQueryable<DpoDesk.Requests.Request>> FilterAsync(string? widok, RequestState? stan, RequestActions? rodzaj, RequestChannel? kanal, DateOnly? od, DateOnly? @do, string? q, DateTime now, DateOnly today, CancellationToken ct)
    {
        View = widok is not null && DeskViews.Views.Contains(widok) ? widok : DeskViews.All;
        State = stan is { } s && Enum.IsDefined(s) ? s : null;
        Type = rodzaj is RequestActions.Erasure or RequestActions.SourceInquiry or RequestActions.SharingObjection ? rodzaj : null;
        Channel = kanal is { } c && Enum.IsDefined(c) ? c : null;
        From = od;
        To = @do;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();

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
        return query;
    }

    /// <summary>
    /// The queue as CSV, with the page's filters: numbers, kinds, channels, states, dates and outcomes, no
    /// person's name or address. Audited as a view of the list.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(string? widok, RequestState? stan, RequestActions? rodzaj, RequestChannel? kanal, DateOnly? od, DateOnly? @do, string? q, CancellationToken ct = default)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ReadCases)).Succeeded)
            return Forbid();
        var now = time.GetUtcNow().UtcDateTime;
        var today = Deadlines.PolishDate(now);
        var query = await FilterAsync(widok, stan, rodzaj, kanal, od, @do, q, now, today, ct);
        var rows = await query.OrderByDescending(r => r.Id).Take(Reports.ListExports.MaxRows)
            .Select(r => new { r.Number, r.Actions, r.Channel, r.State, r.Outcome, r.ReceivedAt, r.TargetAt, r.DueOn, r.ExtendedDueOn, r.CompletedAt })
            .ToListAsync(ct);
        var csv = DpoDesk.Reports.CsvTable.Write(
            ["numer", "rodzaj", "kanał", "stan", "wynik", "przyjęte", "cel 72 h", "termin ustawowy", "termin przedłużony", "zakończone"],
            rows.Select(r => (IReadOnlyList<string?>)[r.Number, Reports.ListExports.Actions(r.Actions), r.Channel.ToString(), r.State.ToString(), r.Outcome.ToString(),
                Reports.ListExports.Time(r.ReceivedAt), Reports.ListExports.Time(r.TargetAt), Reports.ListExports.Date(r.DueOn), Reports.ListExports.Date(r.ExtendedDueOn), Reports.ListExports.Time(r.CompletedAt)]));
        await audit.RecordAsync(AuditActions.ListExported, "list:requests", Reports.ListExports.Detail(rows.Count, "widok=" + View, State?.ToString(), Type?.ToString(), Channel?.ToString(), From?.ToString("o", System.Globalization.CultureInfo.InvariantCulture), To?.ToString("o", System.Globalization.CultureInfo.InvariantCulture), Query is null ? null : "search"), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, $"zgloszenia-{today:yyyy-MM-dd}.csv");
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
