using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Knowledge;

/// <summary>Who an article is written for.</summary>
public enum Audience
{
    /// <summary>Anyone whose data may be in the base: /wiedza.</summary>
    Public = 1,

    /// <summary>The platform's clients who license data: the guide, downloadable as PDF.</summary>
    Licensees = 2,
}

/// <summary>A knowledge-base article: its address and audience; its texts are its versions, per language.</summary>
public sealed class Article
{
    public long Id { get; set; }

    /// <summary>The address under /wiedza/: lower-case letters, digits and hyphens.</summary>
    public required string Slug { get; set; }

    public Audience Audience { get; set; }

    /// <summary>Where the article stands in the index: lower first.</summary>
    public int Position { get; set; }

    public DateTime CreatedAt { get; set; }
    public List<ArticleVersion> Versions { get; set; } = [];
}

/// <summary>
/// One saved text of an article in one language. Every save makes a new version; a version is never
/// changed afterwards except to be marked published, so the history is the texts as they were.
/// </summary>
public sealed class ArticleVersion
{
    public long Id { get; set; }
    public long ArticleId { get; set; }
    public Article? Article { get; set; }

    /// <summary>"pl" or "en".</summary>
    public required string Language { get; set; }

    /// <summary>1, 2, … per article and language.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }
    public required string Markdown { get; set; }
    public required string Author { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ToTable("knowledge_articles");
        builder.Property(a => a.Slug).HasMaxLength(KnowledgeBase.MaxSlugLength);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.HasMany(a => a.Versions).WithOne(v => v.Article).HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ArticleVersionConfiguration : IEntityTypeConfiguration<ArticleVersion>
{
    public void Configure(EntityTypeBuilder<ArticleVersion> builder)
    {
        builder.ToTable("knowledge_article_versions");
        builder.Property(v => v.Language).HasMaxLength(2);
        builder.Property(v => v.Title).HasMaxLength(KnowledgeBase.MaxTitleLength);
        builder.Property(v => v.Markdown).HasMaxLength(KnowledgeBase.MaxMarkdownLength);
        builder.Property(v => v.Author).HasMaxLength(256);
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.HasIndex(v => new { v.ArticleId, v.Language, v.Number }).IsUnique();
    }
}
