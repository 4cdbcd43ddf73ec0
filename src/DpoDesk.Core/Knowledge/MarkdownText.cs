using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace DpoDesk.Knowledge;

/// <summary>
/// The one Markdown renderer of the knowledge base and the training lessons: Markdown in, HTML out that
/// passed an allow-list (no script, no event handlers, no style, no frames, links only to http, https
/// and mailto), whatever the author typed.
/// </summary>
public static class MarkdownText
{
    // Raw HTML in the Markdown is shown as text, and the output is sanitised all the same.
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseAutoLinks().Build();

    static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "a", "code", "pre", "blockquote", "hr", "br",
            "table", "thead", "tbody", "tr", "th", "td",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
    });

    /// <summary>The syntax tree, for the PDF as for the HTML.</summary>
    public static MarkdownDocument Parse(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        // The page's own title is its only h1: "# Heading" in the text becomes an h2, like "## Heading".
        foreach (var heading in document.Descendants<HeadingBlock>().Where(h => h.Level == 1))
            heading.Level = 2;
        return document;
    }

    public static string ToSafeHtml(string? markdown)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(Parse(markdown));
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }
}
