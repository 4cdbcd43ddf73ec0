using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DpoDesk.Web.Letters;

/// <summary>
/// A Markdown text as an A4 PDF, drawn from the same syntax tree the web page renders: headings,
/// paragraphs, bulleted and numbered lists, quotes and code; emphasis and links as their text
/// (a link's address follows it in brackets, so that paper keeps it).
/// </summary>
public static class MarkdownPdf
{
    public static byte[] Render(string title, string subtitle, MarkdownDocument markdown, string language)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        LetterPdf.EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "DpoDesk";
        document.Language = language;
        var regular = new XFont(LetterPdf.FontFamily, 10, XFontStyleEx.Regular);
        using var pages = new PdfPages(document);
        void Blocks(IEnumerable<Block> blocks, double indent)
        {
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        pages.Y += 6;
                        pages.EnsureRoom(40);
                        var size = heading.Level <= 2 ? 12.5 : 11;
                        pages.Lines(InlineText(heading.Inline), new XFont(LetterPdf.FontFamily, size, XFontStyleEx.Bold), size + 5, indent);
                        pages.Y += 2;
                        break;
                    case ParagraphBlock paragraph:
                        pages.Lines(InlineText(paragraph.Inline), regular, 13, indent);
                        pages.Y += 5;
                        break;
                    case ListBlock list:
                        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            var marker = list.IsOrdered ? $"{number++}." : "•";
                            var itemBlocks = item.ToList();
                            if (itemBlocks.FirstOrDefault() is ParagraphBlock lead)
                            {
                                pages.Lines(InlineText(lead.Inline), regular, 13, indent + 16, marker);
                                Blocks(itemBlocks.Skip(1), indent + 16);
                            }
                            else
                            {
                                Blocks(itemBlocks, indent + 16);
                            }
                        }
                        pages.Y += 5;
                        break;
                    case CodeBlock code:
                        pages.Lines(code.Lines.ToString(), regular, 13, indent + 12);
                        pages.Y += 5;
                        break;
                    case ThematicBreakBlock:
                        pages.Y += 8;
                        break;
                    case TableRow row:
                        pages.Lines(string.Join("  |  ", row.OfType<TableCell>().Select(c => string.Join(" ", c.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))))), regular, 13, indent);
                        break;
                    case ContainerBlock container:
                        // Quotes, tables and the like: their contents, set in.
                        Blocks(container, indent + (container is QuoteBlock ? 12 : 0));
                        break;
                }
            }
        }

        pages.NewPage();
        pages.Lines(title, new XFont(LetterPdf.FontFamily, 15, XFontStyleEx.Bold), 20);
        pages.Lines(subtitle, regular, 13);
        pages.Y += 10;
        Blocks(markdown, 0);
        return pages.Finish(title);
    }

    static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        void Walk(Inline? node)
        {
            for (; node is not null; node = node.NextSibling)
            {
                switch (node)
                {
                    case LiteralInline literal:
                        text.Append(literal.Content.ToString());
                        break;
                    case CodeInline code:
                        text.Append(code.Content);
                        break;
                    case LineBreakInline lineBreak:
                        text.Append(lineBreak.IsHard ? '\n' : ' ');
                        break;
                    case AutolinkInline autolink:
                        text.Append(autolink.Url);
                        break;
                    case LinkInline link:
                        var before = text.Length;
                        Walk(link.FirstChild);
                        var label = text.ToString(before, text.Length - before);
                        var url = link.Url ?? "";
                        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                            url = url[7..];
                        if (url.Length > 0 && url != label && !url.StartsWith('/'))
                            text.Append(" (").Append(url).Append(')');
                        break;
                    case ContainerInline container:
                        Walk(container.FirstChild);
                        break;
                    case HtmlEntityInline entity:
                        text.Append(entity.Transcoded.ToString());
                        break;
                    default:
                        text.Append(node.ToString());
                        break;
                }
            }
        }
        Walk(inline?.FirstChild);
        return text.ToString();
    }
}
