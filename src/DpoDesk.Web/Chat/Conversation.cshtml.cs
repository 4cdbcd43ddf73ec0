using DpoDesk.Audit;
using DpoDesk.Chat;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Staff;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Office;
using DpoDesk.Web.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Chat;

/// <summary>One chat in the office: its transcript; pick up, answer, hand over, close; link to a request or make one of it.</summary>
[Authorize(Policy = OfficePolicies.AnswerChat)]
public sealed class ConversationModel(DpoDeskDbContext db, ChatDesk desk, ChatBroadcast broadcast, OfficeAudit audit, UserManager<StaffUser> users, WorkSignals signals, TimeProvider time) : PageModel
{
    public Conversation Item { get; private set; } = null!;
    public IReadOnlyList<ChatMessage> Messages { get; private set; } = [];
    public string? RequestNumber { get; private set; }
    public IReadOnlyList<(string Name, string Label)> Colleagues { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Problem { get; private set; }
    public string? Draft { get; private set; }

    public string Me => User.Identity!.Name!;
    public bool IsOpen => Item.State == ConversationState.Open;
    public bool CanAnswer => IsOpen && (Item.AssignedTo is null || Item.AssignedTo == Me);

    public async Task<IActionResult> OnGetAsync(long id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Notice = done switch
        {
            "picked" => Text.T("Rozmowa jest Twoja."),
            "handed" => Text.T("Rozmowa przekazana."),
            "closed" => Text.T("Rozmowa zamknięta."),
            "linked" => Text.T("Rozmowa powiązana ze zgłoszeniem."),
            "request" => Text.T("Zgłoszenie utworzone; link potwierdzający poszedł na podany adres."),
            _ => null,
        };
        await ChatDesk.MarkPresentAsync(db, Me, time.GetUtcNow().UtcDateTime, ct);
        await audit.RecordAsync(AuditActions.ChatViewed, ChatDesk.Subject(id), null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(long id, string? reply, CancellationToken ct)
    {
        var post = await desk.PostStaffAsync(id, reply, audit.Actor(), ct);
        if (post.Refusal == ChatRefusal.NotFound)
            return NotFound();
        if (!post.Accepted)
            return await ProblemAsync(id, ChatTexts.Refusal(post.Refusal), ct, reply);
        await broadcast.AnnounceAsync(db, id, post.Message!.Id - 2, ct);
        return Redirect($"/office/chat/{id}#odpowiedz");
    }

    public async Task<IActionResult> OnPostPickUpAsync(long id, CancellationToken ct)
    {
        var last = await ChatBroadcast.LastIdAsync(db, id, ct);
        if (!await desk.PickUpAsync(id, audit.Actor(), ct))
            return await ProblemAsync(id, Text.T("Tę rozmowę ktoś już prowadzi albo jest zamknięta."), ct);
        await broadcast.AnnounceAsync(db, id, last, ct);
        return Redirect($"/office/chat/{id}?done=picked");
    }

    public async Task<IActionResult> OnPostHandOverAsync(long id, string? to, CancellationToken ct)
    {
        var colleagues = await ColleaguesAsync();
        if (to is null || colleagues.All(c => c.Name != to))
            return await ProblemAsync(id, Text.T("Wybierz osobę, która odpowiada na czacie."), ct);
        var last = await ChatBroadcast.LastIdAsync(db, id, ct);
        if (!await desk.HandOverAsync(id, to, audit.Actor(), ct))
            return await ProblemAsync(id, Text.T("Tej rozmowy nie można przekazać tej osobie (już ją prowadzi albo rozmowa jest zamknięta)."), ct);
        await broadcast.AnnounceAsync(db, id, last, ct);
        return Redirect($"/office/chat/{id}?done=handed");
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct)
    {
        var last = await ChatBroadcast.LastIdAsync(db, id, ct);
        if (!await desk.CloseAsync(id, audit.Actor(), ct))
            return NotFound();
        await broadcast.AnnounceAsync(db, id, last, ct);
        return Redirect($"/office/chat/{id}?done=closed");
    }

    public async Task<IActionResult> OnPostLinkAsync(long id, string? number, CancellationToken ct)
    {
        if (!await desk.LinkAsync(id, number, audit.Actor(), ct))
            return await ProblemAsync(id, Text.T("Nie ma zgłoszenia o takim numerze."), ct);
        return Redirect($"/office/chat/{id}?done=linked");
    }

    public async Task<IActionResult> OnPostConvertAsync(long id, string? fullName, string? email, bool erase, bool source, bool stopSharing, CancellationToken ct)
    {
        var actions = (erase ? RequestActions.Erasure : 0) | (source ? RequestActions.SourceInquiry : 0) | (stopSharing ? RequestActions.SharingObjection : 0);
        var result = await desk.ConvertAsync(id, fullName, email, actions, audit.Actor(), ct);
        if (result is null)
            return NotFound();
        if (!result.Accepted)
            return await ProblemAsync(id, string.Join(" ", result.Errors.Select(e => Text.FormErrorMessage(e.Key, e.Value))), ct);
        signals.Outbox.Wake();
        return Redirect($"/office/chat/{id}?done=request");
    }

    async Task<IActionResult> ProblemAsync(long id, string problem, CancellationToken ct, string? draft = null)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Problem = problem;
        Draft = draft is { Length: <= ChatDesk.MaxMessageLength * 2 } ? draft : null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Everyone who may answer the chat, and is not disabled.</summary>
    async Task<List<(string Name, string Label)>> ColleaguesAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var people = (await users.GetUsersInRoleAsync(StaffRoles.Operator)).Concat(await users.GetUsersInRoleAsync(StaffRoles.Dpo))
            .Where(u => u.LockoutEnd is null || u.LockoutEnd < now)
            .DistinctBy(u => u.Id).OrderBy(u => u.DisplayName ?? u.UserName, StringComparer.CurrentCulture);
        return people.Select(u => (u.UserName!, u.DisplayName is { Length: > 0 } name ? $"{name} ({u.UserName})" : u.UserName!)).ToList();
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        ChatRegistration.AllowChatScripts(Response);
        var conversation = await db.ChatConversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
            return false;
        Item = conversation;
        Messages = await desk.TranscriptAsync(id, ct);
        if (conversation.RequestId is { } requestId)
            RequestNumber = await db.Requests.Where(r => r.Id == requestId).Select(r => r.Number).FirstOrDefaultAsync(ct);
        Colleagues = await ColleaguesAsync();
        return true;
    }
}
