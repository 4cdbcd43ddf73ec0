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
        var small = new XFont(LetterPdf.FontFamily, 8, XFontStyleEx.Regular);
        var left = LetterPdf.Millimetres(20);
        var width = LetterPdf.Millimetres(170);
        var bottom = LetterPdf.Millimetres(297 - 20);

        XGraphics? gfx = null;
        var y = 0.0;
        void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = LetterPdf.Millimetres(20);
        }
        void Lines(string text, XFont font, double height, double indent = 0, string? marker = null)
        {
            var first = true;
            foreach (var paragraph in text.Split('\n'))
            {
                foreach (var line in LetterPdf.Wrap(gfx!, paragraph, font, width - indent))
                {
                    if (y + height > bottom)
                        NewPage();
                    if (first && marker is not null)
                        gfx!.DrawString(marker, font, XBrushes.Black, left + indent - 12, y);
                    first = false;
                    gfx!.DrawString(line, font, XBrushes.Black, left + indent, y);
                    y += height;
                }
            }
        }
        void Blocks(IEnumerable<Block> blocks, double indent)
        {
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        y += 6;
                        if (y + 40 > bottom)
                            NewPage();
                        var size = heading.Level <= 2 ? 12.5 : 11;
                        Lines(InlineText(heading.Inline), new XFont(LetterPdf.FontFamily, size, XFontStyleEx.Bold), size + 5, indent);
                        y += 2;
                        break;
                    case ParagraphBlock paragraph:
                        Lines(InlineText(paragraph.Inline), regular, 13, indent);
                        y += 5;
                        break;
                    case ListBlock list:
                        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            var marker = list.IsOrdered ? $"{number++}." : "•";
                            var itemBlocks = item.ToList();
                            if (itemBlocks.FirstOrDefault() is ParagraphBlock lead)
                            {
                                Lines(InlineText(lead.Inline), regular, 13, indent + 16, marker);
                                Blocks(itemBlocks.Skip(1), indent + 16);
                            }
                            else
                            {
                                Blocks(itemBlocks, indent + 16);
                            }
                        }
                        y += 5;
                        break;
                    case CodeBlock code:
                        Lines(code.Lines.ToString(), regular, 13, indent + 12);
                        y += 5;
                        break;
                    case ThematicBreakBlock:
                        y += 8;
                        break;
                    case TableRow row:
                        Lines(string.Join("  |  ", row.OfType<TableCell>().Select(c => string.Join(" ", c.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))))), regular, 13, indent);
                        break;
                    case ContainerBlock container:
                        // Quotes, tables and the like: their contents, set in.
                        Blocks(container, indent + (container is QuoteBlock ? 12 : 0));
                        break;
                }
            }
        }

        NewPage();
        Lines(title, new XFont(LetterPdf.FontFamily, 15, XFontStyleEx.Bold), 20);
        Lines(subtitle, regular, 13);
        y += 10;
        Blocks(markdown, 0);
        gfx!.Dispose();

        for (var i = 0; i < document.PageCount; i++)
        {
            using var footer = XGraphics.FromPdfPage(document.Pages[i]);
            footer.DrawString($"{title} — {i + 1} / {document.PageCount}", small, XBrushes.Gray, new XRect(left, LetterPdf.Millimetres(297 - 12), width, 10), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
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
