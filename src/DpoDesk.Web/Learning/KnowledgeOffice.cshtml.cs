using DpoDesk.Knowledge;
using DpoDesk.Persistence;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Learning;

/// <summary>The knowledge base in the office: every article in every language, its last and its published version.</summary>
[Authorize(Policy = OfficePolicies.ManageKnowledge)]
public sealed class KnowledgeOfficeModel(DpoDeskDbContext db) : PageModel
{
    public sealed record Row(string Slug, Audience Audience, string Language, string Title, int LastNumber, int? PublishedNumber, DateTime? PublishedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var articles = await db.Articles.AsNoTracking().OrderBy(a => a.Position).ThenBy(a => a.Slug).ToListAsync(ct);
        var versions = await db.ArticleVersions.AsNoTracking()
            .Select(v => new { v.ArticleId, v.Language, v.Number, v.Title, v.PublishedAt }).ToListAsync(ct);
        Rows = articles.SelectMany(a => versions.Where(v => v.ArticleId == a.Id).GroupBy(v => v.Language).OrderBy(g => g.Key == "pl" ? 0 : 1).Select(g =>
        {
            var last = g.MaxBy(v => v.Number)!;
            var published = g.Where(v => v.PublishedAt != null).MaxBy(v => v.Number);
            return new Row(a.Slug, a.Audience, g.Key, last.Title, last.Number, published?.Number, published?.PublishedAt);
        })).ToList();
    }
}
