using DpoDesk.Chat;
using DpoDesk.Persistence;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Chat;

/// <summary>The office's chats: waiting to be picked up, mine, other operators', closed. Opening it puts the operator on duty.</summary>
[Authorize(Policy = OfficePolicies.AnswerChat)]
public sealed class QueueModel(DpoDeskDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public sealed record Row(long Id, DateTime StartedAt, DateTime LastMessageAt, bool AwaitsStaff, string? AssignedTo, string? RequestNumber);

    public IReadOnlyList<Row> Waiting { get; private set; } = [];
    public IReadOnlyList<Row> Mine { get; private set; } = [];
    public IReadOnlyList<Row> Others { get; private set; } = [];
    public IReadOnlyList<Row> Closed { get; private set; } = [];
    public bool WithinHours { get; private set; }
    public OfficeHours Hours { get; private set; } = OfficeHours.Default;
    public bool CanSetHours { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ChatRegistration.AllowChatScripts(Response);
        var now = time.GetUtcNow().UtcDateTime;
        var me = User.Identity!.Name!;
        // Without JavaScript the page's visit is the operator's presence; with it, the connection's heartbeat.
        await ChatDesk.MarkPresentAsync(db, me, now, ct);
        Hours = await OfficeHours.GetAsync(db, ct);
        WithinHours = Hours.IsOpenAt(now);
        CanSetHours = (await authorization.AuthorizeAsync(User, OfficePolicies.ConfigureChat)).Succeeded;

        var rows = await (from c in db.ChatConversations.AsNoTracking()
                          where c.State == ConversationState.Open && c.PurgedAt == null
                          orderby c.LastMessageAt
                          select new { c.Id, c.StartedAt, c.LastMessageAt, c.LastVisitorMessageAt, c.LastStaffMessageAt, c.AssignedTo, c.RequestId })
                         .Take(500).ToListAsync(ct);
        var closed = await (from c in db.ChatConversations.AsNoTracking()
                            where c.State == ConversationState.Closed && c.PurgedAt == null
                            orderby c.ClosedAt descending
                            select new { c.Id, c.StartedAt, c.LastMessageAt, c.LastVisitorMessageAt, c.LastStaffMessageAt, c.AssignedTo, c.RequestId })
                           .Take(50).ToListAsync(ct);
        var requestIds = rows.Concat(closed).Where(r => r.RequestId != null).Select(r => r.RequestId!.Value).Distinct().ToList();
        var numbers = await db.Requests.Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, ct);
        Row ToRow(long id, DateTime started, DateTime last, DateTime? visitor, DateTime? staff, string? assigned, long? request) =>
            new(id, started, last, visitor is { } v && (staff is not { } s || s < v), assigned, request is { } r && numbers.TryGetValue(r, out var n) ? n : null);
        var open = rows.Select(c => ToRow(c.Id, c.StartedAt, c.LastMessageAt, c.LastVisitorMessageAt, c.LastStaffMessageAt, c.AssignedTo, c.RequestId)).ToList();
        Waiting = open.Where(r => r.AssignedTo is null).ToList();
        Mine = open.Where(r => r.AssignedTo == me).ToList();
        Others = open.Where(r => r.AssignedTo is not null && r.AssignedTo != me).ToList();
        Closed = closed.Select(c => ToRow(c.Id, c.StartedAt, c.LastMessageAt, c.LastVisitorMessageAt, c.LastStaffMessageAt, c.AssignedTo, c.RequestId)).ToList();
    }
}
