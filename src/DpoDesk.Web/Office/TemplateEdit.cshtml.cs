using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>Editing one template in one language, with a preview on sample data; saved only when it keeps what the reply needs.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class TemplateEditModel(DpoDeskDbContext db, OfficeAudit audit, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public TemplateDefinition Definition { get; private set; } = null!;
    public string Language { get; private set; } = "pl";
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }
    public IReadOnlyList<TemplateProblem> Problems { get; private set; } = [];
    public RenderedMessage? Preview { get; private set; }
    public bool CanEdit { get; private set; }
    public bool IsEdited { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, string language, bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(key, language, ct))
            return NotFound();
        var current = await ReplyTemplates.GetAsync(db, key, Language, ct);
        Subject = current.Subject;
        Body = current.Body;
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string key, string language, CancellationToken ct)
    {
        if (!await LoadAsync(key, language, ct))
            return NotFound();
        Problems = ReplyTemplates.Check(key, Subject, Body);
        Preview = ReplyTemplates.Fill(new RenderedMessage(Subject ?? "", Body ?? ""), Samples(Language == "en"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, string language, CancellationToken ct)
    {
        if (!await LoadAsync(key, language, ct))
            return NotFound();
        if (!CanEdit)
            return Forbid();
        Problems = ReplyTemplates.Check(key, Subject, Body);
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var template = await db.ReplyTemplates.FirstOrDefaultAsync(t => t.Key == key && t.Language == Language, ct);
        if (template is null)
            db.ReplyTemplates.Add(template = new ReplyTemplate { Key = key, Language = Language, Subject = "", Body = "", UpdatedBy = "" });
        template.Subject = Subject!.Trim();
        template.Body = Body!.ReplaceLineEndings("\n");
        template.UpdatedAt = now;
        template.UpdatedBy = User.Identity!.Name!;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.TemplateChanged, $"template:{key}/{Language}", null, ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/templates/{key}/{Language}?saved=true");
    }

    public async Task<IActionResult> OnPostResetAsync(string key, string language, CancellationToken ct)
    {
        if (!await LoadAsync(key, language, ct))
            return NotFound();
        if (!CanEdit)
            return Forbid();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ReplyTemplates.Where(t => t.Key == key && t.Language == Language).ExecuteDeleteAsync(ct);
        await audit.RecordAsync(AuditActions.TemplateChanged, $"template:{key}/{Language}", "reset to built-in", ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/templates/{key}/{Language}?saved=true");
    }

    async Task<bool> LoadAsync(string key, string language, CancellationToken ct)
    {
        var definition = ReplyTemplates.All.FirstOrDefault(d => d.Key == key);
        if (definition is null || language is not ("pl" or "en"))
            return false;
        Definition = definition;
        Language = language;
        CanEdit = (await authorization.AuthorizeAsync(User, OfficePolicies.EditTemplates)).Succeeded;
        IsEdited = await db.ReplyTemplates.AnyAsync(t => t.Key == key && t.Language == language, ct);
        return true;
    }

    static Dictionary<string, string> Samples(bool en) => new()
    {
        ["number"] = "IOD/2026/000123",
        ["received_on"] = en ? "4 December 2026" : "4 grudnia 2026 r.",
        ["completed_at"] = en ? "4 December 2026, 10:15" : "4 grudnia 2026 r., godz. 10:15",
        ["due_on"] = en ? "4 March 2027" : "4 marca 2027 r.",
        ["actions"] = en ? " - erase your data" : " - usunięcie Twoich danych",
        ["data"] = en ? " Full name: Jan Przykładowy\n E-mail: jan@example.com" : " Imię i nazwisko: Jan Przykładowy\n E-mail: jan@example.com",
        ["details"] = en ? "ERASURE\nWe have deleted 1 record(s) about you from our contact base." : "USUNIĘCIE DANYCH\nUsunęliśmy z naszej bazy kontaktów rekordy z Twoimi danymi (liczba: 1).",
        ["link"] = "https://iod.example.pl/potwierdz/…",
        ["valid_until"] = en ? "11 December 2026, 10:15" : "11 grudnia 2026 r., godz. 10:15",
        ["reason"] = en ? "(the reason you give)" : "(uzasadnienie, które podasz)",
        ["ground"] = en ? "manifestly unfounded" : "ewidentnie nieuzasadnione",
        ["rights"] = ReplyTemplates.Rights(en),
        ["portal_url"] = "https://iod.example.pl/",
        ["postal_address"] = "Inspektor Ochrony Danych, ul. Przykładowa 1, 00-001 Warszawa",
    };
}
