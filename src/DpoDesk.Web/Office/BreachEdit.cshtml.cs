using DpoDesk.Audit;
using DpoDesk.Breaches;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>Recording a breach, or correcting its description; times are typed as Polish wall-clock time.</summary>
[Authorize(Policy = OfficePolicies.ManageBreaches)]
public sealed class BreachEditModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time) : PageModel
{
    [FromRoute] public long? Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateTime? AwareAt { get; set; }
    [BindProperty] public DateTime? StartedAt { get; set; }
    [BindProperty] public DateTime? EndedAt { get; set; }
    [BindProperty] public string? Nature { get; set; }
    [BindProperty] public IncidentType IncidentType { get; set; } = IncidentType.Other;
    [BindProperty] public BreachCause Cause { get; set; } = BreachCause.Other;
    [BindProperty] public int PersonsApprox { get; set; }
    [BindProperty] public int RecordsApprox { get; set; }
    [BindProperty] public string? DataCategories { get; set; }
    [BindProperty] public string? PersonCategories { get; set; }
    [BindProperty] public string? Consequences { get; set; }
    [BindProperty] public string? MeasuresBefore { get; set; }
    [BindProperty] public string? MeasuresAgainstRecurrence { get; set; }
    [BindProperty] public string? MeasuresMitigation { get; set; }
    [BindProperty] public List<DataKinds> Kinds { get; set; } = [];
    [BindProperty] public int ContextAdjustment { get; set; }
    [BindProperty] public Identifiability Identifiability { get; set; } = Identifiability.Limited;
    [BindProperty] public ConfidentialityLoss Confidentiality { get; set; }
    [BindProperty] public IntegrityLoss Integrity { get; set; }
    [BindProperty] public AvailabilityLoss Availability { get; set; }
    [BindProperty] public bool Malicious { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            AwareAt = Trim(Deadlines.ToPolishLocal(time.GetUtcNow().UtcDateTime));
            return Page();
        }
        var breach = await db.Breaches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == Id, ct);
        if (breach is null)
            return NotFound();
        Title = breach.Title;
        AwareAt = Trim(Deadlines.ToPolishLocal(breach.AwareAt));
        StartedAt = breach.StartedAt is { } started ? Trim(Deadlines.ToPolishLocal(started)) : null;
        EndedAt = breach.EndedAt is { } ended ? Trim(Deadlines.ToPolishLocal(ended)) : null;
        Nature = breach.Nature;
        IncidentType = breach.IncidentType;
        Cause = breach.Cause;
        PersonsApprox = breach.PersonsApprox;
        RecordsApprox = breach.RecordsApprox;
        DataCategories = breach.DataCategories;
        PersonCategories = breach.PersonCategories;
        Consequences = breach.Consequences;
        MeasuresBefore = breach.MeasuresBefore;
        MeasuresAgainstRecurrence = breach.MeasuresAgainstRecurrence;
        MeasuresMitigation = breach.MeasuresMitigation;
        Kinds = Enum.GetValues<DataKinds>().Where(k => k != DataKinds.None && breach.DataKinds.HasFlag(k)).ToList();
        ContextAdjustment = breach.ContextAdjustment;
        Identifiability = breach.Identifiability;
        Confidentiality = breach.Confidentiality;
        Integrity = breach.Integrity;
        Availability = breach.Availability;
        Malicious = breach.Malicious;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Validate(now);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Breach breach;
        if (Id is null)
        {
            breach = new Breach { Reference = await BreachRegister.NextReferenceAsync(db, Deadlines.PolishDate(now).Year, ct), Title = "", Nature = "", CreatedAt = now, CreatedBy = User.Identity!.Name! };
            db.Breaches.Add(breach);
        }
        else
        {
            breach = await db.Breaches.FirstOrDefaultAsync(b => b.Id == Id, ct) ?? throw new InvalidOperationException("gone");
        }
        breach.Title = Title!.Trim();
        breach.AwareAt = Deadlines.FromPolishLocal(AwareAt!.Value);
        breach.StartedAt = StartedAt is { } started ? Deadlines.FromPolishLocal(started) : null;
        breach.EndedAt = EndedAt is { } ended ? Deadlines.FromPolishLocal(ended) : null;
        breach.Nature = Nature!.Trim();
        breach.IncidentType = IncidentType;
        breach.Cause = Cause;
        breach.PersonsApprox = PersonsApprox;
        breach.RecordsApprox = RecordsApprox;
        breach.DataCategories = Clean(DataCategories);
        breach.PersonCategories = Clean(PersonCategories);
        breach.Consequences = Clean(Consequences);
        breach.MeasuresBefore = Clean(MeasuresBefore);
        breach.MeasuresAgainstRecurrence = Clean(MeasuresAgainstRecurrence);
        breach.MeasuresMitigation = Clean(MeasuresMitigation);
        breach.DataKinds = Kinds.Aggregate(DataKinds.None, (all, k) => all | k);
        breach.ContextAdjustment = ContextAdjustment;
        breach.Identifiability = Identifiability;
        breach.Confidentiality = Confidentiality;
        breach.Integrity = Integrity;
        breach.Availability = Availability;
        breach.Malicious = Malicious;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(Id is null ? AuditActions.BreachRecorded : AuditActions.BreachUpdated, "breach:" + breach.Reference, $"ENISA {breach.Severity().Score} {breach.Severity().Band}", ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/breaches/{breach.Id}");
    }

    void Validate(DateTime now)
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > 200)
            Errors["Title"] = Text.T("Podaj tytuł (najwyżej 200 znaków).");
        if (AwareAt is null)
            Errors["AwareAt"] = Text.T("Podaj, kiedy stwierdzono naruszenie: od tej chwili biegną 72 godziny.");
        else if (Deadlines.FromPolishLocal(AwareAt.Value) > now.AddMinutes(5))
            Errors["AwareAt"] = Text.T("Chwila stwierdzenia naruszenia nie może być w przyszłości.");
        if (StartedAt is { } started && EndedAt is { } ended && ended < started)
            Errors["EndedAt"] = Text.T("Koniec naruszenia nie może być przed jego początkiem.");
        if (string.IsNullOrWhiteSpace(Nature) || Nature.Length > 10_000)
            Errors["Nature"] = Text.T("Opisz charakter naruszenia.");
        if (PersonsApprox < 0 || RecordsApprox < 0)
            Errors["PersonsApprox"] = Text.T("Liczby osób i wpisów nie mogą być ujemne.");
        if (Kinds.Count == 0)
            Errors["DataKinds"] = Text.T("Zaznacz co najmniej jeden rodzaj danych.");
        if (!Enum.IsDefined(IncidentType) || !Enum.IsDefined(Cause) || !Enum.IsDefined(Identifiability) || !Enum.IsDefined(Confidentiality)
            || !Enum.IsDefined(Integrity) || !Enum.IsDefined(Availability) || Math.Abs(ContextAdjustment) > EnisaSeverity.MaxAdjustment)
            Errors["DataKinds"] = Text.T("Popraw ocenę wagi.");
    }

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");

    static DateTime Trim(DateTime value) => new(value.Year, value.Month, value.Day, value.Hour, value.Minute, 0, DateTimeKind.Unspecified);
}
