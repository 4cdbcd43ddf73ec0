using DpoDesk.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The reply templates, and which of them the office has changed.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class TemplatesModel(DpoDeskDbContext db) : PageModel
{
    public IReadOnlyDictionary<(string Key, string Language), string> Edited { get; private set; } = new Dictionary<(string, string), string>();

    public async Task OnGetAsync(CancellationToken ct) =>
        Edited = (await db.ReplyTemplates.AsNoTracking().Select(t => new { t.Key, t.Language, t.UpdatedBy }).ToListAsync(ct))
            .ToDictionary(t => (t.Key, t.Language), t => t.UpdatedBy);
}
