using System.Text.RegularExpressions;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Knowledge;

/// <summary>An article as the public sees it: its latest published version, in the language asked for if there is one.</summary>
public sealed record PublishedArticle(Article Article, ArticleVersion Version, bool InOtherLanguage);

/// <summary>What is wrong with an article's form; the page puts it into words.</summary>
public enum ArticleError
{
    SlugInvalid = 1,
    SlugTaken,
    TitleRequired,
    TitleTooLong,
    TextRequired,
    TextTooLong,
    LanguageInvalid,
}

/// <summary>The knowledge base's use cases: save a new version, publish one, read what is published.</summary>
public static partial class KnowledgeBase
{
    public const int MaxSlugLength = 80;
    public const int MaxTitleLength = 200;
    public const int MaxMarkdownLength = 100_000;
    public static readonly string[] Languages = ["pl", "en"];

    public static string OtherLanguage(string language) => language == "en" ? "pl" : "en";

    public static bool IsValidSlug(string? slug) => slug is { Length: > 0 and <= MaxSlugLength } && SlugPattern().IsMatch(slug);

    public static List<(string Field, ArticleError Error)> Validate(string? slug, string? language, string? title, string? markdown)
    {
        var errors = new List<(string, ArticleError)>();
        if (!IsValidSlug(slug))
            errors.Add(("Slug", ArticleError.SlugInvalid));
        if (language is null || !Languages.Contains(language))
            errors.Add(("Language", ArticleError.LanguageInvalid));
        if (string.IsNullOrWhiteSpace(title))
            errors.Add(("Title", ArticleError.TitleRequired));
        else if (title.Trim().Length > MaxTitleLength)
            errors.Add(("Title", ArticleError.TitleTooLong));
        if (string.IsNullOrWhiteSpace(markdown))
            errors.Add(("Markdown", ArticleError.TextRequired));
        else if (markdown.Length > MaxMarkdownLength)
            errors.Add(("Markdown", ArticleError.TextTooLong));
        return errors;
    }

    /// <summary>Saves the text as the next version of the article in that language; makes the article when it is new.</summary>
    public static async Task<ArticleVersion> SaveAsync(DpoDeskDbContext db, string slug, Audience audience, string language, string title, string markdown, string author, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Slug == slug, ct).ConfigureAwait(false);
        if (article is null)
        {
            var position = await db.Articles.Select(a => (int?)a.Position).MaxAsync(ct).ConfigureAwait(false) ?? 0;
            article = new Article { Slug = slug, Audience = audience, Position = position + 10, CreatedAt = now };
            db.Articles.Add(article);
        }
        else
        {
            article.Audience = audience;
        }
        var last = article.Id == 0 ? 0
            : await db.ArticleVersions.Where(v => v.ArticleId == article.Id && v.Language == language).Select(v => (int?)v.Number).MaxAsync(ct).ConfigureAwait(false) ?? 0;
        var version = new ArticleVersion
        {
            Article = article,
            Language = language,
            Number = last + 1,
            Title = title.Trim(),
            Markdown = markdown.ReplaceLineEndings("\n").Trim() + "\n",
            Author = author,
            CreatedAt = now,
        };
        db.ArticleVersions.Add(version);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return version;
    }

    /// <summary>Marks a version published now; the public then sees it, if it is the newest published one.</summary>
    public static async Task<ArticleVersion?> PublishAsync(DpoDeskDbContext db, long versionId, string by, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await db.ArticleVersions.Include(v => v.Article).FirstOrDefaultAsync(v => v.Id == versionId, ct).ConfigureAwait(false);
        if (version is null)
            return null;
        if (version.PublishedAt is null)
        {
            version.PublishedAt = now;
            version.PublishedBy = by;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return version;
    }

    /// <summary>The newest published version in <paramref name="language"/>, or else in the other language.</summary>
    public static async Task<PublishedArticle?> FindPublishedAsync(DpoDeskDbContext db, string slug, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct).ConfigureAwait(false);
        if (article is null)
            return null;
        var published = await db.ArticleVersions.AsNoTracking()
            .Where(v => v.ArticleId == article.Id && v.PublishedAt != null)
            .ToListAsync(ct).ConfigureAwait(false);
        return Choose(article, published, language);
    }

    /// <summary>Every article of the audience with something published, in the index's order.</summary>
    public static async Task<List<PublishedArticle>> ListPublishedAsync(DpoDeskDbContext db, Audience audience, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var articles = await db.Articles.AsNoTracking().Where(a => a.Audience == audience).OrderBy(a => a.Position).ThenBy(a => a.Slug).ToListAsync(ct).ConfigureAwait(false);
        var ids = articles.Select(a => a.Id).ToList();
        var published = await db.ArticleVersions.AsNoTracking().Where(v => ids.Contains(v.ArticleId) && v.PublishedAt != null).ToListAsync(ct).ConfigureAwait(false);
        var byArticle = published.ToLookup(v => v.ArticleId);
        return articles.Select(a => Choose(a, byArticle[a.Id].ToList(), language)).OfType<PublishedArticle>().ToList();
    }

    static PublishedArticle? Choose(Article article, List<ArticleVersion> published, string language)
    {
        var own = published.Where(v => v.Language == language).MaxBy(v => v.Number);
        if (own is not null)
            return new PublishedArticle(article, own, false);
        var other = published.Where(v => v.Language != language).MaxBy(v => v.Number);
        return other is null ? null : new PublishedArticle(article, other, true);
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
