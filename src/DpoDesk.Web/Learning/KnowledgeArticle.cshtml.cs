using DpoDesk.Knowledge;
using DpoDesk.Persistence;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Learning;

/// <summary>One article: its latest published version in the reader's language, or the other one with a note.</summary>
public sealed class KnowledgeArticleModel(DpoDeskDbContext db) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    public PublishedArticle Found { get; private set; } = null!;

    /// <summary>Markdown rendered and sanitised: safe to write out as it is.</summary>
    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!KnowledgeBase.IsValidSlug(Slug))
            return NotFound();
        var found = await KnowledgeBase.FindPublishedAsync(db, Slug, Text.IsEnglish ? "en" : "pl", ct);
        if (found is null)
            return NotFound();
        Found = found;
        Html = MarkdownText.ToSafeHtml(found.Version.Markdown);
        return Page();
    }
}
