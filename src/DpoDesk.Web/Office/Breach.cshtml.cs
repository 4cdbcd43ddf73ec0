using DpoDesk.Audit;
using DpoDesk.Breaches;
using DpoDesk.Persistence;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>One breach: the facts, the ENISA score with its reasoning, the 72-hour clock and the decisions.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class BreachModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public Breach Item { get; private set; } = null!;
    public DateTime Now { get; private set; }
    public bool CanManage { get; private set; }
    public string? Notice { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(long id, bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Notice = saved ? Text.T("Decyzje zapisane.") : null;
        await audit.RecordAsync(AuditActions.BreachViewed, "breach:" + Item.Reference, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, bool? notifyAuthority, string? authorityReason, NotificationKind kind, string? delayReason, bool? notifyPersons, string? personsReason, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageBreaches)).Succeeded)
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (notifyAuthority is null || string.IsNullOrWhiteSpace(authorityReason))
            Errors.Add(Text.T("Zdecyduj o zgłoszeniu do UODO i podaj uzasadnienie — także gdy nie zgłaszasz (art. 33 ust. 5)."));
        if (notifyPersons is null || string.IsNullOrWhiteSpace(personsReason))
            Errors.Add(Text.T("Zdecyduj o zawiadomieniu osób i podaj uzasadnienie."));
        if (notifyAuthority == true && Now > Item.NotificationDeadline && Item.NotifyAuthority is null && string.IsNullOrWhiteSpace(delayReason))
            Errors.Add(Text.T("72 godziny minęły: podaj przyczyny opóźnienia (art. 33 ust. 1)."));
        if (!Enum.IsDefined(kind))
            Errors.Add(Text.T("Wybierz rodzaj zgłoszenia."));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var breach = await db.Breaches.SingleAsync(b => b.Id == id, ct);
        breach.NotifyAuthority = notifyAuthority;
        breach.AuthorityDecisionReason = authorityReason!.Trim();
        breach.NotificationKind = notifyAuthority == true ? kind : null;
        breach.DelayReason = string.IsNullOrWhiteSpace(delayReason) ? null : delayReason.Trim();
        breach.NotifyPersons = notifyPersons;
        breach.PersonsDecisionReason = personsReason!.Trim();
        breach.DecidedAt = Now;
        breach.DecidedBy = User.Identity!.Name;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.BreachDecided, "breach:" + breach.Reference, $"authority: {(notifyAuthority == true ? "notify" : "do not notify")}; persons: {(notifyPersons == true ? "notify" : "do not notify")}", ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/breaches/{id}?saved=true");
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var breach = await db.Breaches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (breach is null)
            return false;
        Item = breach;
        Now = time.GetUtcNow().UtcDateTime;
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageBreaches)).Succeeded;
        return true;
    }
}
