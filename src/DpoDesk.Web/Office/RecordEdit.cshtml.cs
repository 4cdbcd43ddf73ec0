using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>Adding or changing one activity of the record of processing; every column is required.</summary>
[Authorize(Policy = OfficePolicies.ManageRecords)]
public sealed class RecordEditModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time) : PageModel
{
    [FromRoute] public long? Id { get; set; }
    [BindProperty] public List<string?> Values { get; set; } = [];
    public List<int> Missing { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            Values = RecordOfProcessing.Columns.Select(_ => (string?)null).ToList();
            return Page();
        }
        var activity = await db.ProcessingActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, ct);
        if (activity is null)
            return NotFound();
        Values = RecordOfProcessing.Values(activity).Select(v => (string?)v).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        while (Values.Count < RecordOfProcessing.Columns.Length)
            Values.Add(null);
        for (var i = 0; i < RecordOfProcessing.Columns.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(Values[i]) || Values[i]!.Length > 4000 || (i == 0 && Values[i]!.Length > 200))
                Missing.Add(i);
        }
        if (Missing.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var v = Values.Select(x => x!.Trim()).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        ProcessingActivity activity;
        if (Id is null)
        {
            activity = new ProcessingActivity { Name = "", Purposes = "", LegalBasis = "", SubjectCategories = "", DataCategories = "", RecipientCategories = "", Transfers = "", Retention = "", SecurityMeasures = "", UpdatedBy = "" };
            db.ProcessingActivities.Add(activity);
        }
        else
        {
            activity = await db.ProcessingActivities.FirstOrDefaultAsync(a => a.Id == Id, ct) ?? throw new InvalidOperationException("gone");
        }
        (activity.Name, activity.Purposes, activity.LegalBasis, activity.SubjectCategories, activity.DataCategories) = (v[0], v[1], v[2], v[3], v[4]);
        (activity.RecipientCategories, activity.Transfers, activity.Retention, activity.SecurityMeasures) = (v[5], v[6], v[7], v[8]);
        activity.UpdatedAt = time.GetUtcNow().UtcDateTime;
        activity.UpdatedBy = User.Identity!.Name!;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.ActivityChanged, "record:" + activity.Id, activity.Name, ct);
        await transaction.CommitAsync(ct);
        return Redirect("/office/records");
    }
}
