using System.Globalization;
using System.Security.Claims;
using System.Text;
using DpoDesk.Audit;
using DpoDesk.Breaches;
using DpoDesk.Knowledge;
using DpoDesk.Persistence;
using DpoDesk.Training;
using DpoDesk.Web.Letters;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Learning;

/// <summary>The knowledge base's and the training's files: an article as PDF, a certificate, the overview as CSV.</summary>
public static class LearningEndpoints
{
    public static IEndpointRouteBuilder MapLearning(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/wiedza/{slug}.pdf", async (string slug, DpoDeskDbContext db, CancellationToken ct) =>
        {
            if (!KnowledgeBase.IsValidSlug(slug))
                return Results.NotFound();
            var found = await KnowledgeBase.FindPublishedAsync(db, slug, Text.IsEnglish ? "en" : "pl", ct);
            if (found is null)
                return Results.NotFound();
            var version = found.Version;
            var published = DateOnly.FromDateTime(Requests.Deadlines.ToPolishLocal(version.PublishedAt!.Value));
            var subtitle = version.Language == "en"
                ? string.Create(CultureInfo.InvariantCulture, $"Published {published.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} (version {version.Number})")
                : string.Create(CultureInfo.InvariantCulture, $"Opublikowano {published.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("pl-PL"))} (wersja {version.Number})");
            var pdf = MarkdownPdf.Render(version.Title, subtitle, MarkdownText.Parse(version.Markdown), version.Language);
            return Results.File(pdf, "application/pdf", $"{slug}-{version.Language}-v{version.Number}.pdf");
        });

        endpoints.MapGet("/office/training/certificates/{id:long}.pdf", async (long id, ClaimsPrincipal user, DpoDeskDbContext db, IAuthorizationService authorization,
            OfficeAudit audit, IOptions<ControllerOptions> controller, CancellationToken ct) =>
        {
            var completion = await db.TrainingCompletions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Passed && c.CertificateNumber != null, ct);
            var own = completion is not null && completion.UserId == user.FindFirstValue(ClaimTypes.NameIdentifier);
            // Someone else's certificate does not exist for whoever may not read it.
            if (completion is null || (!own && !(await authorization.AuthorizeAsync(user, OfficePolicies.ManageTraining)).Succeeded))
                return Results.NotFound();
            await audit.RecordAsync(AuditActions.CertificateDownloaded, OfficeAudit.StaffSubject(completion.UserEmail), completion.CertificateNumber, ct);
            return Results.File(CertificatePdf(completion, controller.Value), "application/pdf", completion.CertificateNumber!.Replace('/', '-') + ".pdf");
        }).RequireAuthorization(OfficePolicies.Staff);

        endpoints.MapGet("/office/training/overview.csv", async (DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, CancellationToken ct) =>
        {
            var (courses, rows) = await TrainingDesk.OverviewAsync(db, time.GetUtcNow().UtcDateTime, ct);
            await audit.RecordAsync(AuditActions.TrainingOverviewViewed, null, "csv", ct);
            var csv = new StringBuilder();
            csv.Append(string.Join(';', new[] { Text.T("Osoba"), Text.T("E-mail"), Text.T("Role") }.Concat(courses.Select(c => c.Title)).Select(Cell))).Append("\r\n");
            foreach (var row in rows)
            {
                var cells = new[] { row.Person.Name, row.Person.Email, string.Join(' ', row.Person.Roles) }
                    .Concat(row.Courses.Select(status => status is null ? "" : LearningText.StatusText(status)));
                csv.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
            }
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "szkolenia.csv");
        }).RequireAuthorization(OfficePolicies.ManageTraining);
        return endpoints;
    }

    static string Cell(string value)
    {
        // A cell that a spreadsheet would take for a formula is quoted as text.
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
            value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    internal static byte[] CertificatePdf(TrainingCompletion completion, ControllerOptions controller)
    {
        var polish = CultureInfo.GetCultureInfo("pl-PL");
        var completed = DateOnly.FromDateTime(Requests.Deadlines.ToPolishLocal(completion.CompletedAt));
        return DocumentPdf.Render("Zaświadczenie o ukończeniu szkolenia", $"Nr {completion.CertificateNumber} · {controller.Name}",
        [
            new("Uczestnik", [completion.UserName, completion.UserEmail]),
            new("Szkolenie", [completion.CourseTitle]),
            new("Wynik", [string.Create(CultureInfo.InvariantCulture, $"{completion.Score}% ({completion.Correct} z {completion.QuestionCount} odpowiedzi poprawnych) — zaliczone")]),
            new("Data ukończenia", [completed.ToString("d MMMM yyyy", polish)]),
            new("Ważne do", [completion.ValidUntil!.Value.ToString("d MMMM yyyy", polish)]),
            new("Inspektor Ochrony Danych", [controller.DpoName, controller.DpoEmail]),
        ]);
    }
}
