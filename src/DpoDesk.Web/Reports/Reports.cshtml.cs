using DpoDesk.Persistence;
using DpoDesk.Reports;
using DpoDesk.Requests;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static DpoDesk.Web.Localization.Text;

namespace DpoDesk.Web.Reports;

/// <summary>The office's figures for a period, as charts each followed by its table, and the link to the annual report.</summary>
[Authorize(Policy = OfficePolicies.ReadReports)]
public sealed class ReportsModel(DpoDeskDbContext db, TimeProvider time) : PageModel
{
    public OfficeReport Report { get; private set; } = null!;
    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var thisYear = Deadlines.PolishDate(now).Year;
        // Read by hand, so that a wrong value is said, not silently turned into the default.
        var year = Number("rok", thisYear);
        var from = Number("od", 1);
        var to = Number("do", 12);
        var period = year is { } y && from is { } f && to is { } t ? ReportPeriod.Create(y, f, t) : null;
        if (period is null)
        {
            Errors.Add(T("Wybierz rok od 2000 do 2100 i miesiące od 1 do 12, pierwszy nie późniejszy niż ostatni. Pokazujemy bieżący rok."));
            period = ReportPeriod.WholeYear(thisYear);
        }
        Years = [.. Enumerable.Range(thisYear - 5, 6).Append(period.Year).Distinct().OrderDescending()];
        Report = await OfficeReport.ComputeAsync(db, period, now, ct);
        Sections = ReportFigures.Sections(Report);
    }

    int? Number(string name, int fallback)
    {
        var raw = Request.Query[name].ToString();
        if (string.IsNullOrWhiteSpace(raw))
            return fallback;
        return int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
