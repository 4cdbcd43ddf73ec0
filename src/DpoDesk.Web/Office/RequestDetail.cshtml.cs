using DpoDesk.Audit;
using DpoDesk.Matching;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>One request: what was asked, by whom, its timeline, and what staff can do with it now.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class RequestDetailModel(DpoDeskDbContext db, OfficeAudit audit, RequestDesk desk, IAuthorizationService authorization, WorkSignals signals) : PageModel
{
    public Request Item { get; private set; } = null!;
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];
    public IReadOnlyList<RequestDocument> Documents { get; private set; } = [];
    public string? DuplicateOf { get; private set; }
    public IReadOnlyList<(long Id, string Number)> Repeats { get; private set; } = [];
    public MatchResult? Candidates { get; private set; }
    public bool CanHandle { get; private set; }
    public bool CanDecideLegal { get; private set; }

    /// <summary>What the last action said: done, or why not.</summary>
    public string? Notice { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>A reply shown before it is sent.</summary>
    public RenderedMessage? Preview { get; private set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Months { get; set; } = 2;
    [BindProperty] public RefusalGround Ground { get; set; } = RefusalGround.Excessive;
    [BindProperty] public List<long> Include { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Notice = done is null ? null : Text.T("Zapisano.");
        // Every look at a person's data is on the record.
        await audit.RecordAsync(AuditActions.RequestViewed, OfficeAudit.RequestSubject(Item.Number), null, ct);
        return Page();
    }

    public Task<IActionResult> OnPostVerifyAsync(long id, CancellationToken ct) =>
        ActAsync(id, OfficePolicies.HandleCases, actor => desk.VerifyAsync(id, Reason, actor, ct), wake: true, ct);

    public Task<IActionResult> OnPostDecideAsync(long id, CancellationToken ct) =>
        ActAsync(id, OfficePolicies.HandleCases, actor => desk.DecideReviewAsync(id, Include, Reason, actor, ct), wake: true, ct);

    public Task<IActionResult> OnPostPauseAsync(long id, CancellationToken ct) =>
        ActAsync(id, OfficePolicies.HandleCases, actor => desk.PauseAsync(id, Reason, actor, ct), wake: true, ct);

    public Task<IActionResult> OnPostResumeAsync(long id, CancellationToken ct) =>
        ActAsync(id, OfficePolicies.HandleCases, actor => desk.ResumeAsync(id, Reason, actor, ct), wake: true, ct);

    public Task<IActionResult> OnPostExtendAsync(long id, CancellationToken ct) =>
        ActAsync(id, OfficePolicies.DecideLegal, actor => desk.ExtendAsync(id, Months, Reason, actor, ct), wake: true, ct);

    public Task<IActionResult> OnPostRefuseAsync(long id, CancellationToken ct) =>
        ActAsync(id, OfficePolicies.DecideLegal, actor => desk.RefuseAsync(id, Ground, Reason, actor, ct), wake: true, ct);

    /// <summary>Shows the reply an action would send, filled from the current template, without doing anything.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        var reason = string.IsNullOrWhiteSpace(Reason) ? "…" : Reason.Trim();
        var language = Item.Language;
        Preview = Action switch
        {
            "extend" => RequestMessages.Extension(Item, await ReplyTemplates.GetAsync(db, ReplyTemplates.Extension, language, ct), reason, Deadlines.AddMonths(Item.DueOn, Math.Clamp(Months, 1, 2))),
            "refuse" => RequestMessages.Refusal(Item, await ReplyTemplates.GetAsync(db, ReplyTemplates.Refusal, language, ct), Ground, reason),
            "pause" => RequestMessages.IdentityCheck(Item, await ReplyTemplates.GetAsync(db, ReplyTemplates.IdentityCheck, language, ct), reason),
            _ => null,
        };
        return Page();
    }

    async Task<IActionResult> ActAsync(long id, string policy, Func<StaffActor, Task<DeskOutcome>> act, bool wake, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
            return Forbid();
        var outcome = await act(audit.Actor());
        if (outcome == DeskOutcome.Done)
        {
            if (wake)
            {
                signals.Requests.Wake();
                signals.Outbox.Wake();
            }
            return Redirect($"/office/requests/{id}?done=1");
        }
        if (outcome == DeskOutcome.NotFound || !await LoadAsync(id, ct))
            return NotFound();
        Problem = outcome switch
        {
            DeskOutcome.ReasonRequired => Text.T("Podaj uzasadnienie (najwyżej 2000 znaków): zostanie zapisane i, tam gdzie trzeba, przekazane osobie."),
            DeskOutcome.TooLate => Text.T("Pierwszy miesiąc już minął: o przedłużeniu trzeba było zawiadomić przed jego końcem (art. 12 ust. 3 RODO)."),
            DeskOutcome.AlreadyExtended => Text.T("Termin był już przedłużony."),
            _ => Text.T("W tym stanie zgłoszenia to działanie nie jest możliwe."),
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var request = await db.Requests.AsNoTracking().Include(r => r.Events.OrderBy(e => e.At).ThenBy(e => e.Id)).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
            return false;
        Item = request;
        Messages = await db.OutboxMessages.AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.Id).ToListAsync(ct);
        Documents = await db.RequestDocuments.AsNoTracking().Where(d => d.RequestId == id)
            .Select(d => new RequestDocument { Id = d.Id, FileName = d.FileName, ContentType = d.ContentType, Content = Array.Empty<byte>(), Size = d.Size, Sha256 = d.Sha256, UploadedAt = d.UploadedAt, UploadedBy = d.UploadedBy })
            .ToListAsync(ct);
        if (request.DuplicateOfId is { } original)
            DuplicateOf = await db.Requests.Where(r => r.Id == original).Select(r => r.Number).FirstOrDefaultAsync(ct);
        Repeats = (await db.Requests.AsNoTracking().Where(r => r.DuplicateOfId == id).Select(r => new { r.Id, r.Number }).ToListAsync(ct))
            .Select(r => (r.Id, r.Number)).ToList();
        if (request.State == RequestState.NeedsReview)
        {
            var requester = new Requester(request.Email, request.Phone, Identifiers.NameKey(request.FullName ?? ""));
            var candidates = await db.Contacts.AsNoTracking().Include(c => c.Source)
                .Where(c => (requester.Email != null && c.EmailNormalized == requester.Email) || (requester.Phone != null && c.PhoneNormalized == requester.Phone))
                .Take(200).ToListAsync(ct);
            Candidates = ContactMatcher.Match(requester, candidates);
        }
        CanHandle = (await authorization.AuthorizeAsync(User, OfficePolicies.HandleCases)).Succeeded;
        CanDecideLegal = (await authorization.AuthorizeAsync(User, OfficePolicies.DecideLegal)).Succeeded;
        return true;
    }
}
