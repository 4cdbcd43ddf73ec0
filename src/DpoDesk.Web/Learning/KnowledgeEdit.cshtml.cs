using DpoDesk.Audit;
using DpoDesk.Knowledge;
using DpoDesk.Persistence;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Learning;

/// <summary>
/// Writing an article in Markdown: preview, save as a new version, read the history (an old text and
/// what changed from the one before), publish a version.
/// </summary>
[Authorize(Policy = OfficePolicies.ManageKnowledge)]
public sealed class KnowledgeEditModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time) : PageModel
{
    [FromRoute(Name = "slug")] public string? RouteSlug { get; set; }
    [FromQuery(Name = "language")] public string? QueryLanguage { get; set; }
    [FromQuery(Name = "version")] public int? ShownNumber { get; set; }

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public Audience Audience { get; set; } = Audience.Public;
    [BindProperty] public string Language { get; set; } = "pl";
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Markdown { get; set; }
    [BindProperty] public long VersionId { get; set; }

    public bool IsNew => RouteSlug is null;
    public IReadOnlyList<ArticleVersion> Versions { get; private set; } = [];
    public ArticleVersion? Shown { get; private set; }
    public IReadOnlyList<DiffLine> ShownChanges { get; private set; } = [];
    public string? PreviewHtml { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Language = QueryLanguage == "en" ? "en" : "pl";
        if (IsNew)
            return Page();
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == RouteSlug, ct);
        if (article is null)
            return NotFound();
        Slug = article.Slug;
        Audience = article.Audience;
        await LoadVersionsAsync(article.Id, ct);
        var latest = Versions.Count > 0 ? Versions[0] : null;
        Title = latest?.Title;
        Markdown = latest?.Markdown;
        if (ShownNumber is { } number)
        {
            Shown = Versions.FirstOrDefault(v => v.Number == number);
            if (Shown is null)
                return NotFound();
            ShownChanges = TextDiff.Lines(Versions.FirstOrDefault(v => v.Number == number - 1)?.Markdown, Shown.Markdown);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await PrepareAsync(ct);
        PreviewHtml = MarkdownText.ToSafeHtml(Markdown);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var article = await PrepareAsync(ct);
        if (!IsNew && article is null)
            return NotFound();
        foreach (var (field, error) in KnowledgeBase.Validate(Slug, Language, Title, Markdown))
            Errors.TryAdd(field, LearningText.ArticleErrorText(error));
        if (IsNew && !Errors.ContainsKey(nameof(Slug)) && await db.Articles.AnyAsync(a => a.Slug == Slug, ct))
            Errors[nameof(Slug)] = LearningText.ArticleErrorText(ArticleError.SlugTaken);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = await KnowledgeBase.SaveAsync(db, Slug!, Audience, Language, Title!, Markdown!, User.Identity!.Name!, time.GetUtcNow().UtcDateTime, ct);
        await audit.RecordAsync(AuditActions.ArticleSaved, "article:" + Slug, $"{Language} v{version.Number}", ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/knowledge/edit/{Slug}?language={Language}");
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = await KnowledgeBase.PublishAsync(db, VersionId, User.Identity!.Name!, time.GetUtcNow().UtcDateTime, ct);
        if (version is null || version.Article!.Slug != RouteSlug)
            return NotFound();
        await audit.RecordAsync(AuditActions.ArticlePublished, "article:" + version.Article.Slug, $"{version.Language} v{version.Number}", ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/knowledge/edit/{version.Article.Slug}?language={version.Language}");
    }

    /// <summary>For a post: the article (an existing one keeps its address) and its history in the posted language.</summary>
    async Task<Article?> PrepareAsync(CancellationToken ct)
    {
        if (IsNew)
            return null;
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == RouteSlug, ct);
        Slug = RouteSlug;
        if (article is not null)
            await LoadVersionsAsync(article.Id, ct);
        return article;
    }

    async Task LoadVersionsAsync(long articleId, CancellationToken ct) =>
        Versions = await db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == articleId && v.Language == Language)
            .OrderByDescending(v => v.Number).ToListAsync(ct);
}
