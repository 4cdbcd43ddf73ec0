using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Web.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Office;

/// <summary>Files of a request: the scans staff uploaded, and the letters printed for postal requests.</summary>
public static class Documents
{
    public static IEndpointRouteBuilder MapRequestDocuments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/office/requests/{id:long}/documents/{documentId:long}", async (long id, long documentId, DpoDeskDbContext db, OfficeAudit audit, HttpContext http, CancellationToken ct) =>
        {
            var document = await db.RequestDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.RequestId == id, ct);
            if (document is null)
                return Results.NotFound();
            var number = await db.Requests.Where(r => r.Id == id).Select(r => r.Number).FirstAsync(ct);
            // By id: a file name may name the person, and the audit trail is never purged.
            await audit.RecordAsync(AuditActions.ScanViewed, OfficeAudit.RequestSubject(number), $"document {document.Id}", ct);
            // Served as what its content proved it to be, as a download: never rendered in the office's origin.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(document.Content, document.ContentType, document.FileName);
        }).RequireAuthorization(OfficePolicies.ReadCases);

        endpoints.MapGet("/office/requests/{id:long}/letter/{kind}", async (long id, string kind, DpoDeskDbContext db, OfficeAudit audit, IOptions<PortalOptions> portal, TimeProvider time, CancellationToken ct) =>
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (request?.PostalAddress is null || request.FullName is null)
                return Results.NotFound();
            var message = kind switch
            {
                "reply" when request.ReplyBody is not null => new RenderedMessage(request.ReplySubject ?? request.Number, request.ReplyBody),
                "extension" when request.ExtendedDueOn is not null => RequestMessages.Extension(request, await ReplyTemplates.GetAsync(db, ReplyTemplates.Extension, request.Language, ct), request.ExtensionReason ?? ""),
                "identity-check" when request.State == RequestState.Paused => RequestMessages.IdentityCheck(request, await ReplyTemplates.GetAsync(db, ReplyTemplates.IdentityCheck, request.Language, ct), request.PauseReason ?? ""),
                _ => null,
            };
            if (message is null)
                return Results.NotFound();

            var now = time.GetUtcNow().UtcDateTime;
            var pdf = LetterPdf.Render(new Letter(
                Sender: portal.Value.PostalAddress.Replace(", ", "\n", StringComparison.Ordinal),
                Recipient: request.FullName + "\n" + request.PostalAddress,
                Place: "Warszawa",
                Date: Deadlines.PolishDate(now),
                Subject: message.Subject,
                Body: message.Body,
                English: request.Language == "en"));
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                request.Record(now, RequestEventKind.LetterPrinted, kind);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(AuditActions.LetterPrinted, OfficeAudit.RequestSubject(request.Number), kind, ct);
                await transaction.CommitAsync(ct);
            }
            return Results.File(pdf, "application/pdf", $"{request.Number.Replace('/', '-')}-{kind}.pdf");
        }).RequireAuthorization(OfficePolicies.HandleCases);
        endpoints.MapGet("/office/inquiries/{id:long}/attachments/{attachmentId:long}", async (long id, long attachmentId, DpoDeskDbContext db, OfficeAudit audit, HttpContext http, CancellationToken ct) =>
        {
            var attachment = await db.InquiryAttachments.AsNoTracking()
                .Where(a => a.Id == attachmentId && db.InquiryMessages.Any(m => m.Id == a.MessageId && m.InquiryId == id))
                .FirstOrDefaultAsync(ct);
            if (attachment is null)
                return Results.NotFound();
            await audit.RecordAsync(AuditActions.AttachmentViewed, Inquiries.InquiryDesk.Subject(id), $"attachment {attachment.Id}", ct);
            // Whatever a stranger sent: a download of opaque bytes, never rendered in the office's origin.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(attachment.Content, "application/octet-stream", attachment.FileName);
        }).RequireAuthorization(OfficePolicies.ReadCases);
        endpoints.MapGet("/office/breaches/{id:long}/notification", async (long id, DpoDeskDbContext db, OfficeAudit audit, IOptions<Breaches.ControllerOptions> controller, CancellationToken ct) =>
        {
            var breach = await db.Breaches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.NotifyAuthority == true, ct);
            if (breach is null)
                return Results.NotFound();
            var pdf = DocumentPdf.Render(
                $"Zgłoszenie naruszenia ochrony danych osobowych — {breach.Reference}",
                "do Prezesa Urzędu Ochrony Danych Osobowych (art. 33 RODO)",
                BreachNotification.Sections(breach, controller.Value));
            await audit.RecordAsync(AuditActions.BreachNotificationPrinted, "breach:" + breach.Reference, "notification", ct);
            return Results.File(pdf, "application/pdf", $"{breach.Reference.Replace('/', '-')}-zgloszenie.pdf");
        }).RequireAuthorization(OfficePolicies.ReadCases);

        endpoints.MapGet("/office/breaches/{id:long}/persons-letter", async (long id, string? lang, DpoDeskDbContext db, OfficeAudit audit, IOptions<Breaches.ControllerOptions> controller, TimeProvider time, CancellationToken ct) =>
        {
            var breach = await db.Breaches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.NotifyPersons == true, ct);
            if (breach is null)
                return Results.NotFound();
            var language = lang == "en" ? "en" : "pl";
            var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.BreachPersons, language, ct);
            var c = controller.Value;
            var measures = string.Join(" ", new[] { breach.MeasuresMitigation, breach.MeasuresAgainstRecurrence }.Where(m => m is not null));
            var message = ReplyTemplates.Fill(template, new Dictionary<string, string>
            {
                ["reference"] = breach.Reference,
                ["nature"] = breach.Nature,
                ["consequences"] = breach.Consequences ?? "—",
                ["measures"] = measures.Length == 0 ? "—" : measures,
                ["dpo_contact"] = $"{c.DpoName}, {c.DpoEmail}" + (c.DpoPhone is null ? "" : $", {c.DpoPhone}"),
            });
            var pdf = LetterPdf.Render(new Letter(c.Name + "\n" + c.Address.Replace(", ", "\n", StringComparison.Ordinal),
                language == "en" ? "To the persons whose data the breach concerns" : "Do osób, których dane dotyczy naruszenie",
                "Warszawa", Deadlines.PolishDate(time.GetUtcNow().UtcDateTime), message.Subject, message.Body, language == "en"));
            await audit.RecordAsync(AuditActions.BreachNotificationPrinted, "breach:" + breach.Reference, "letter to persons", ct);
            return Results.File(pdf, "application/pdf", $"{breach.Reference.Replace('/', '-')}-zawiadomienie-osob.pdf");
        }).RequireAuthorization(OfficePolicies.ReadCases);
        endpoints.MapGet("/office/cases/{id:long}/letters/{letterId:long}", async (long id, long letterId, DpoDeskDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var letter = await db.CaseLetters.AsNoTracking().FirstOrDefaultAsync(l => l.Id == letterId && l.CaseId == id && l.Document != null, ct);
            if (letter is null)
                return Results.NotFound();
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(letter.Document!, "application/pdf", letter.FileName);
        }).RequireAuthorization(OfficePolicies.ReadCases);

        endpoints.MapGet("/office/cases/{id:long}/evidence.{format:regex(^(pdf|zip)$)}", async (long id, string format, DpoDeskDbContext db, Audit.AuditTrail trail, OfficeAudit audit, TimeProvider time, CancellationToken ct) =>
        {
            var @case = await db.RegulatorCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (@case is null)
                return Results.NotFound();
            var sections = await Regulator.CaseWork.EvidenceAsync(db, trail, id, ct);
            var pdf = DocumentPdf.Render($"Pakiet dowodowy — sprawa {@case.Reference}",
                $"Przygotowano {Requests.Deadlines.ToPolishLocal(time.GetUtcNow().UtcDateTime):yyyy-MM-dd HH:mm} z rejestrów DpoDesk",
                sections.Select(s => new DocumentSection(s.Heading, s.Lines)).ToList());
            await audit.RecordAsync(AuditActions.EvidencePackMade, "case:" + @case.Reference, format, ct);
            var name = @case.Reference.Replace('.', '-');
            if (format == "pdf")
                return Results.File(pdf, "application/pdf", $"dowody-{name}.pdf");

            // The ZIP: the pack and the originals it refers to (the regulator's letters, our replies, the scans of paper requests).
            using var zip = new MemoryStream();
            using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            {
                await using (var entry = archive.CreateEntry($"dowody-{name}.pdf").Open())
                    await entry.WriteAsync(pdf, ct);
                foreach (var letter in await db.CaseLetters.AsNoTracking().Where(l => l.CaseId == id && l.Document != null).ToListAsync(ct))
                {
                    await using var entry = archive.CreateEntry($"pisma/{letter.Date:yyyy-MM-dd}-{letter.Id}-{letter.FileName}").Open();
                    await entry.WriteAsync(letter.Document!, ct);
                }
                var scans = await (from link in db.CaseRequests
                                   join document in db.RequestDocuments on link.RequestId equals document.RequestId
                                   where link.CaseId == id
                                   select document).AsNoTracking().ToListAsync(ct);
                foreach (var scan in scans)
                {
                    await using var entry = archive.CreateEntry($"zgloszenia/{scan.RequestId}-{scan.FileName}").Open();
                    await entry.WriteAsync(scan.Content, ct);
                }
            }
            return Results.File(zip.ToArray(), "application/zip", $"dowody-{name}.zip");
        }).RequireAuthorization(OfficePolicies.ReadCases);
        endpoints.MapGet("/office/cases/{id:long}/reply-draft.pdf", async (long id, DpoDeskDbContext db, Audit.AuditTrail trail, IOptions<Breaches.ControllerOptions> controller, TimeProvider time, CancellationToken ct) =>
        {
            if (!await db.RegulatorCases.AnyAsync(c => c.Id == id, ct))
                return Results.NotFound();
            var c = controller.Value;
            var draft = await Regulator.CaseWork.DraftReplyAsync(db, trail, id, c.Name, ct);
            var pdf = LetterPdf.Render(new Letter(c.Name + "\n" + c.Address.Replace(", ", "\n", StringComparison.Ordinal), "Prezes Urzędu Ochrony Danych Osobowych\nul. Stawki 2\n00-193 Warszawa",
                "Warszawa", Requests.Deadlines.PolishDate(time.GetUtcNow().UtcDateTime), draft.Subject, draft.Body, English: false));
            return Results.File(pdf, "application/pdf", "szkic-odpowiedzi.pdf");
        }).RequireAuthorization(OfficePolicies.ManageCases);

        endpoints.MapGet("/office/dpia/{id:long}/pdf", async (long id, DpoDeskDbContext db, CancellationToken ct) =>
        {
            var a = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null)
                return Results.NotFound();
            var risks = Enum.GetValues<Dpia.DpiaRisk>();
            var pdf = DocumentPdf.Render($"Ocena skutków dla ochrony danych: {a.Title}", $"wersja {a.Version}, {Localization.Text.DpiaStateName(a.State)}" + (a.SignedOffBy is null ? "" : $", zatwierdził(a) {a.SignedOffBy}"),
            [
                new("Wstępna analiza (WP248)", [$"Spełnione kryteria: {Dpia.DataProtectionAssessment.CriteriaCount(a.Criteria)} z 9", .. Enum.GetValues<Dpia.ScreeningCriteria>().Where(c => c != Dpia.ScreeningCriteria.None && a.Criteria.HasFlag(c)).Select(c => " - " + Localization.Text.CriterionName(c)), a.ScreeningReason ?? ""]),
                new("Opis i cele przetwarzania", [a.Description ?? "—", $"Cele: {a.Purposes ?? "—"}"]),
                new("Niezbędność i proporcjonalność", [a.NecessityAndProportionality ?? "—"]),
                new("Ryzyka (waga / prawdopodobieństwo, 1–4)", risks.Select(r => $"{(int)r + 1}. {Localization.Text.RiskName(r)}: przed {a.Before(r).Severity}/{a.Before(r).Likelihood}, po środkach {a.After(r).Severity}/{a.After(r).Likelihood}").ToList()),
                new("Środki (co | kto | do kiedy)", (a.Measures ?? "—").Split('\n')),
                new("Opinia IOD", [a.DpoOpinion ?? "—"]),
            ]);
            return Results.File(pdf, "application/pdf", $"dpia-{a.Id}.pdf");
        }).RequireAuthorization(OfficePolicies.ReadCases);

        endpoints.MapGet("/office/records.{format:regex(^(pdf|csv)$)}", async (string format, DpoDeskDbContext db, IOptions<Breaches.ControllerOptions> controller, TimeProvider time, CancellationToken ct) =>
        {
            var activities = await db.ProcessingActivities.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
            var columns = Records.RecordOfProcessing.Columns;
            if (format == "csv")
            {
                var csv = DpoDesk.Reports.CsvTable.Write(columns, activities.Select(Records.RecordOfProcessing.Values));
                return Results.File(csv, DpoDesk.Reports.CsvTable.ContentType, "rejestr-czynnosci.csv");
            }
            var c = controller.Value;
            var pdf = DocumentPdf.Render("Rejestr czynności przetwarzania (art. 30 ust. 1 RODO)",
                $"{c.Name}, {c.Address}; IOD: {c.DpoName}, {c.DpoEmail}; stan na {Requests.Deadlines.PolishDate(time.GetUtcNow().UtcDateTime):yyyy-MM-dd}",
                activities.Select(a => new DocumentSection(a.Name, Records.RecordOfProcessing.Values(a).Skip(1).Select((value, i) => $"{columns[i + 1]}: {value}").ToList())).ToList());
            return Results.File(pdf, "application/pdf", "rejestr-czynnosci.pdf");
        }).RequireAuthorization(OfficePolicies.ReadCases);
        return endpoints;
    }
}
