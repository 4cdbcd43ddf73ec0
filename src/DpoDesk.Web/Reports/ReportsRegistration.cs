using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Reports;
using DpoDesk.Web.Office;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Reports;

public static class ReportsRegistration
{
    /// <summary>The annual DPO report as a PDF: the whole year's figures, for top management (Art. 38(3)).</summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/office/reports/annual/{year:int}.pdf", async (int year, DpoDeskDbContext db, OfficeAudit audit, IOptions<Breaches.ControllerOptions> controller, TimeProvider time, CancellationToken ct) =>
        {
            if (ReportPeriod.Create(year) is not { } period)
                return Results.Text(Localization.Text.T("Wybierz rok od 2000 do 2100."), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            var report = await OfficeReport.ComputeAsync(db, period, time.GetUtcNow().UtcDateTime, ct);
            var c = controller.Value;
            var pdf = AnnualReportPdf.Render(report, ReportFigures.Sections(report), new ReportAuthor(c.Name, c.DpoName, c.DpoEmail), Localization.Text.T);
            await audit.RecordAsync(AuditActions.ReportGenerated, $"report:annual-{year}", $"{pdf.Length} bytes", ct);
            return Results.File(pdf, "application/pdf", $"raport-iod-{year}.pdf");
        }).RequireAuthorization(OfficePolicies.ReadReports);
        return endpoints;
    }
}
