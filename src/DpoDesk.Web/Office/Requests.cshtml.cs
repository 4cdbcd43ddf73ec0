using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The request desk: every request with its deadlines, overdue ones first to the eye.</summary>
public sealed class RequestsModel(DpoDeskDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, string Number, RequestActions Actions, RequestChannel Channel, RequestState State, DateTime ReceivedAt, DateOnly DueOn, DateTime TargetAt, bool PastTarget, bool Overdue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public RequestState? State { get; private set; }

    public async Task OnGetAsync(int strona = 1, RequestState? stan = null, CancellationToken ct = default)
    {
        PageNumber = Math.Max(1, strona);
        State = stan is not null && Enum.IsDefined(stan.Value) ? stan : null;
        var now = time.GetUtcNow().UtcDateTime;
        var today = Deadlines.PolishDate(now);

        var query = db.Requests.AsNoTracking();
        if (State is { } state)
            query = query.Where(r => r.State == state);
        Total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new { r.Id, r.Number, r.Actions, r.Channel, r.State, r.ReceivedAt, r.DueOn, r.TargetAt, r.CompletedAt })
            .ToListAsync(ct);
        Rows = page.Select(r =>
        {
            var open = r.State is RequestState.AwaitingConfirmation or RequestState.Confirmed;
            var pastTarget = open ? r.TargetAt < now : r.State == RequestState.Completed && r.CompletedAt > r.TargetAt;
            return new Row(r.Id, r.Number, r.Actions, r.Channel, r.State, r.ReceivedAt, r.DueOn, r.TargetAt, pastTarget, open && r.DueOn < today);
        }).ToList();
    }
}
