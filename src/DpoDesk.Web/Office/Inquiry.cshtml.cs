using DpoDesk.Audit;
using DpoDesk.Inquiries;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>One inquiry: the conversation, its attachments, and the answer, closing or the request made of it.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class InquiryModel(DpoDeskDbContext db, OfficeAudit audit, InquiryDesk desk, IAuthorizationService authorization, WorkSignals signals) : PageModel
{
    public Inquiry Item { get; private set; } = null!;
    public string? RequestNumber { get; private set; }
    public bool CanHandle { get; private set; }
    public string? Notice { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Notice = done switch
        {
            "reply" => Text.T("Odpowiedź wysłana."),
            "request" => Text.T("Zgłoszenie utworzone; link potwierdzający poszedł do nadawcy."),
            "closed" => Text.T("Zapytanie zamknięte."),
            _ => null,
        };
        await audit.RecordAsync(AuditActions.InquiryViewed, InquiryDesk.Subject(id), null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(long id, string? reply, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.HandleCases)).Succeeded)
            return Forbid();
        if (await desk.ReplyAsync(id, reply, Actor(), ct))
        {
            signals.Outbox.Wake();
            return Redirect($"/office/inquiries/{id}?done=reply");
        }
        return await ProblemAsync(id, Text.T("Napisz odpowiedź (najwyżej 50 000 znaków)."), ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.HandleCases)).Succeeded)
            return Forbid();
        return await desk.CloseAsync(id, Actor(), ct) ? Redirect($"/office/inquiries/{id}?done=closed") : NotFound();
    }

    public async Task<IActionResult> OnPostConvertAsync(long id, string? fullName, bool erase, bool source, bool stopSharing, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.HandleCases)).Succeeded)
            return Forbid();
        var actions = (erase ? RequestActions.Erasure : 0) | (source ? RequestActions.SourceInquiry : 0) | (stopSharing ? RequestActions.SharingObjection : 0);
        var result = await desk.ConvertAsync(id, fullName, actions, "pl", Actor(), ct);
        if (result is null)
            return NotFound();
        if (result.Accepted)
        {
            signals.Outbox.Wake();
            return Redirect($"/office/inquiries/{id}?done=request");
        }
        return await ProblemAsync(id, string.Join(" ", result.Errors.Select(e => Text.FormErrorMessage(e.Key, e.Value))), ct);
    }

    StaffActor Actor() => audit.Actor();

    async Task<IActionResult> ProblemAsync(long id, string problem, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var inquiry = await db.Inquiries.AsNoTracking()
            .Include(i => i.Messages.OrderBy(m => m.At).ThenBy(m => m.Id)).ThenInclude(m => m.Attachments)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inquiry is null)
            return false;
        Item = inquiry;
        if (inquiry.RequestId is { } requestId)
            RequestNumber = await db.Requests.Where(r => r.Id == requestId).Select(r => r.Number).FirstOrDefaultAsync(ct);
        CanHandle = (await authorization.AuthorizeAsync(User, OfficePolicies.HandleCases)).Succeeded;
        return true;
    }
}
