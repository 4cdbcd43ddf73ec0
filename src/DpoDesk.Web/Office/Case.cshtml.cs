using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Regulator;
using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>One regulator case: its letters with their KPA deadlines, the requests it concerns, its outcome.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
[RequestFormLimits(MultipartBodyLengthLimit = 3 * PostalForm.MaxScanBytes)]
[RequestSizeLimit(3 * PostalForm.MaxScanBytes)]
public sealed class CaseModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public RegulatorCase Item { get; private set; } = null!;
    public IReadOnlyList<(long Id, string Number)> RequestNumbers { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanManage { get; private set; }
    public string? Notice { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(long id, bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Notice = saved ? Text.T("Zapisano.") : null;
        await audit.RecordAsync(AuditActions.CaseViewed, "case:" + Item.Reference, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLetterAsync(long id, LetterDirection direction, string? letterTitle, DateOnly? letterDate, int? replyDays, long? answers, IFormFile? document, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageCases)).Succeeded)
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (string.IsNullOrWhiteSpace(letterTitle) || letterTitle.Length > 300)
            Errors.Add(Text.T("Podaj tytuł pisma."));
        if (letterDate is null || letterDate > Today)
            Errors.Add(Text.T("Podaj datę doręczenia lub wysłania (nie z przyszłości)."));
        if (direction == LetterDirection.Incoming && replyDays is not (>= 1 and <= 90))
            Errors.Add(Text.T("Podaj, ile dni UODO dał na odpowiedź (1–90)."));
        byte[]? content = null;
        if (document is { Length: > 0 })
        {
            if (document.Length > PostalForm.MaxScanBytes)
                Errors.Add(Text.T("Dokument jest większy niż 10 MB."));
            else
            {
                using var buffer = new MemoryStream();
                await document.CopyToAsync(buffer, ct);
                content = buffer.ToArray();
                if (ScanType.Sniff(content) != "application/pdf")
                    Errors.Add(Text.T("Dokument musi być plikiem PDF (sprawdzamy zawartość pliku, nie jego nazwę)."));
            }
        }
        var answered = answers is { } a ? Item.Letters.FirstOrDefault(l => l.Id == a && l.Direction == LetterDirection.Incoming) : null;
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var letter = new CaseLetter
        {
            CaseId = id,
            Direction = direction,
            Title = letterTitle!.Trim(),
            Date = letterDate!.Value,
            ReplyDays = direction == LetterDirection.Incoming ? replyDays : null,
            DueOn = direction == LetterDirection.Incoming ? KpaDeadlines.DueOn(letterDate.Value, replyDays!.Value) : null,
            FileName = content is null ? null : FileNames.Safe(document!.FileName, "pismo", ".pdf"),
            Document = content,
            RecordedBy = User.Identity!.Name!,
            RecordedAt = time.GetUtcNow().UtcDateTime,
        };
        db.CaseLetters.Add(letter);
        var @case = await db.RegulatorCases.SingleAsync(c => c.Id == id, ct);
        if (direction == LetterDirection.Incoming && @case.State is CaseState.New or CaseState.Answered or CaseState.AwaitingDecision)
            @case.State = CaseState.Answering;
        await db.SaveChangesAsync(ct);
        if (answered is not null)
        {
            await db.CaseLetters.Where(l => l.Id == answered.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.AnsweredById, letter.Id), ct);
            if (!await db.CaseLetters.AnyAsync(l => l.CaseId == id && l.Direction == LetterDirection.Incoming && l.AnsweredById == null && l.Id != answered.Id, ct))
                @case.State = CaseState.Answered;
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync(AuditActions.CaseLetterRecorded, "case:" + @case.Reference, $"{direction}: {letter.Title}" + (letter.DueOn is { } due ? $", due {due:yyyy-MM-dd}" : ""), ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/cases/{id}?saved=true");
    }

    public async Task<IActionResult> OnPostLinkAsync(long id, string? number, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageCases)).Succeeded)
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        var normalized = RequestNumber.Normalize(number);
        var requestId = normalized is null ? null : await db.Requests.Where(r => r.Number == normalized).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (requestId is null)
        {
            Errors.Add(Text.T("Nie ma zgłoszenia o tym numerze."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.CaseRequests.AnyAsync(r => r.CaseId == id && r.RequestId == requestId, ct))
        {
            db.CaseRequests.Add(new CaseRequest { CaseId = id, RequestId = requestId.Value });
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync(AuditActions.CaseRequestLinked, "case:" + Item.Reference, normalized, ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/cases/{id}?saved=true");
    }

    public async Task<IActionResult> OnPostStateAsync(long id, CaseState state, CaseOutcome outcome, decimal? fineAmount, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageCases)).Succeeded)
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (!Enum.IsDefined(state) || !Enum.IsDefined(outcome) || fineAmount < 0 || (outcome == CaseOutcome.Fine) != (fineAmount is > 0))
        {
            Errors.Add(Text.T("Kwotę kary podaj tylko przy rozstrzygnięciu „kara pieniężna” — i wtedy koniecznie."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var @case = await db.RegulatorCases.SingleAsync(c => c.Id == id, ct);
        @case.State = state;
        @case.Outcome = outcome;
        @case.FineAmount = outcome == CaseOutcome.Fine ? fineAmount : null;
        @case.ClosedAt = state == CaseState.Closed ? time.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.CaseUpdated, "case:" + @case.Reference, $"{state}, {outcome}", ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/cases/{id}?saved=true");
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var @case = await db.RegulatorCases.AsNoTracking()
            .Include(c => c.Letters.OrderBy(l => l.Date).ThenBy(l => l.Id))
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null)
            return false;
        foreach (var letter in @case.Letters)
            letter.Document = null;
        Item = @case;
        RequestNumbers = (await (from link in db.CaseRequests
                                 join request in db.Requests on link.RequestId equals request.Id
                                 where link.CaseId == id
                                 orderby request.Id
                                 select new { request.Id, request.Number }).ToListAsync(ct)).Select(r => (r.Id, r.Number)).ToList();
        Today = Deadlines.PolishDate(time.GetUtcNow().UtcDateTime);
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageCases)).Succeeded;
        return true;
    }
}
