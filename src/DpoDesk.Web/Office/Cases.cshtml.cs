using DpoDesk.Audit;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Regulator;
using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The regulator desk: the cases with their nearest deadline first, the statistics, and opening a case.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class CasesModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public sealed record Row(long Id, string Reference, CaseSubject Subject, CaseState State, string AssignedTo, DateOnly? NextDue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public CaseStatistics Statistics { get; private set; } = new([], [], null);
    public DateOnly Today { get; private set; }
    public bool CanManage { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public CaseSubject Subject { get; set; }
    [BindProperty] public CaseChannel Channel { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? AssignedTo { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageCases)).Succeeded)
            return Forbid();
        var reference = Reference?.Trim().ToUpperInvariant();
        if (!RegulatorCase.IsValidReference(reference))
            Errors.Add(Text.T("Sygnatura UODO wygląda tak: DKN.5101.192.2020 (litery, trzy lub cztery cyfry, numer, rok)."));
        else if (await db.RegulatorCases.AnyAsync(c => c.Reference == reference, ct))
            Errors.Add(Text.T("Sprawa o tej sygnaturze już jest."));
        if (string.IsNullOrWhiteSpace(Summary) || Summary.Length > 10_000)
            Errors.Add(Text.T("Opisz, czego dotyczy sprawa."));
        if (Identifiers.NormalizeEmail(AssignedTo?.Trim()) is null)
            Errors.Add(Text.T("Podaj adres e-mail osoby prowadzącej sprawę."));
        if (!Enum.IsDefined(Subject) || !Enum.IsDefined(Channel))
            Errors.Add(Text.T("Popraw to pole."));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var @case = new RegulatorCase { Reference = reference!, Subject = Subject, Channel = Channel, Summary = Summary!.Trim(), AssignedTo = AssignedTo!.Trim(), State = CaseState.New, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.RegulatorCases.Add(@case);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.CaseOpened, "case:" + @case.Reference, null, ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/cases/{@case.Id}");
    }

    /// <summary>The cases as CSV, nearest deadline first as on the page; audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await db.RegulatorCases.AsNoTracking()
            .Select(c => new
            {
                c.Reference,
                c.Subject,
                c.Channel,
                c.State,
                c.Outcome,
                c.FineAmount,
                c.AssignedTo,
                c.CreatedAt,
                c.ClosedAt,
                NextDue = c.Letters.Where(l => l.Direction == LetterDirection.Incoming && l.AnsweredById == null && l.DueOn != null).Min(l => l.DueOn),
                Letters = c.Letters.Count,
            })
            .Take(Reports.ListExports.MaxRows).ToListAsync(ct);
        var csv = DpoDesk.Reports.CsvTable.Write(["sygnatura", "przedmiot", "kanał", "stan", "rozstrzygnięcie", "kara (zł)", "prowadzi", "wszczęta", "zamknięta", "najbliższy termin", "pisma"],
            rows.OrderBy(r => r.State == CaseState.Closed).ThenBy(r => r.NextDue ?? DateOnly.MaxValue)
                .Select(c => (IReadOnlyList<string?>)[c.Reference, c.Subject.ToString(), c.Channel.ToString(), c.State.ToString(), c.Outcome.ToString(), Reports.ListExports.Number(c.FineAmount),
                    c.AssignedTo, Reports.ListExports.Time(c.CreatedAt), Reports.ListExports.Time(c.ClosedAt), Reports.ListExports.Date(c.NextDue), Reports.ListExports.Number(c.Letters)]));
        await audit.RecordAsync(AuditActions.ListExported, "list:cases", Reports.ListExports.Detail(rows.Count), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, "sprawy-uodo.csv");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Today = Deadlines.PolishDate(time.GetUtcNow().UtcDateTime);
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageCases)).Succeeded;
        var rows = await db.RegulatorCases.AsNoTracking()
            .Select(c => new Row(c.Id, c.Reference, c.Subject, c.State, c.AssignedTo,
                c.Letters.Where(l => l.Direction == LetterDirection.Incoming && l.AnsweredById == null && l.DueOn != null).Min(l => l.DueOn)))
            .ToListAsync(ct);
        Rows = rows.OrderBy(r => r.State == CaseState.Closed).ThenBy(r => r.NextDue ?? DateOnly.MaxValue).ToList();
        Statistics = await CaseWork.StatisticsAsync(db, ct);
    }
}
