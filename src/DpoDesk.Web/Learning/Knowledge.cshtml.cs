using DpoDesk.Knowledge;
using DpoDesk.Persistence;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Learning;

/// <summary>The public knowledge base's index: the published articles for the public and for licensees.</summary>
public sealed class KnowledgeModel(DpoDeskDbContext db) : PageModel
{
    public IReadOnlyList<PublishedArticle> ForPublic { get; private set; } = [];
    public IReadOnlyList<PublishedArticle> ForLicensees { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var language = Text.IsEnglish ? "en" : "pl";
        ForPublic = await KnowledgeBase.ListPublishedAsync(db, Audience.Public, language, ct);
        ForLicensees = await KnowledgeBase.ListPublishedAsync(db, Audience.Licensees, language, ct);
    }
}
