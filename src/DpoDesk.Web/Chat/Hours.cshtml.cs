using System.Globalization;
using DpoDesk.Audit;
using DpoDesk.Chat;
using DpoDesk.Persistence;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Chat;

/// <summary>The DPO sets when the office answers the chat: a span per weekday, Warsaw time.</summary>
[Authorize(Policy = OfficePolicies.ConfigureChat)]
public sealed class HoursModel(DpoDeskDbContext db, OfficeAudit audit) : PageModel
{
    public OfficeHours Hours { get; private set; } = OfficeHours.Default;
    public string? Problem { get; private set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Hours = await OfficeHours.GetAsync(db, ct);
        Saved = done == "saved";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var days = new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)>();
        foreach (var day in OfficeHours.Week)
        {
            var key = ((int)day).ToString(CultureInfo.InvariantCulture);
            if (Request.Form["open-" + key] != "true")
                continue;
            if (!TimeOnly.TryParse(Request.Form["opens-" + key], CultureInfo.InvariantCulture, out var opens)
                || !TimeOnly.TryParse(Request.Form["closes-" + key], CultureInfo.InvariantCulture, out var closes)
                || opens >= closes)
            {
                Hours = await OfficeHours.GetAsync(db, ct);
                Problem = Text.TF("{0}: podaj godzinę rozpoczęcia wcześniejszą niż godzina zakończenia.", ChatTexts.DayName(day));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            days[day] = (opens, closes);
        }
        var hours = new OfficeHours(days);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await hours.SaveAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.ChatHoursChanged, "chat:hours", hours.Serialize(), ct);
        await transaction.CommitAsync(ct);
        return Redirect("/office/chat/hours?done=saved");
    }
}
