using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DpoDesk.Web.Letters;

/// <summary>One numbered part of a document: a heading and its lines (label: value, or plain text).</summary>
public sealed record DocumentSection(string Heading, IReadOnlyList<string> Lines);

/// <summary>A form-like A4 document (a notification to the regulator, a record): title, sections, page numbers.</summary>
public static class DocumentPdf
{
    public static byte[] Render(string title, string subtitle, IReadOnlyList<DocumentSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        LetterPdf.EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "DpoDesk";
        var titleFont = new XFont(LetterPdf.FontFamily, 14, XFontStyleEx.Bold);
        var heading = new XFont(LetterPdf.FontFamily, 11, XFontStyleEx.Bold);
        var regular = new XFont(LetterPdf.FontFamily, 10, XFontStyleEx.Regular);
        using var pages = new PdfPages(document);

        pages.NewPage();
        pages.Lines(title, titleFont, 18);
        pages.Lines(subtitle, regular, 13);
        pages.Y += 8;
        for (var i = 0; i < sections.Count; i++)
        {
            pages.Y += 6;
            pages.EnsureRoom(40);
            pages.Lines($"{i + 1}. {sections[i].Heading}", heading, 15);
            foreach (var text in sections[i].Lines)
                pages.Lines(text.ReplaceLineEndings("\n"), regular, 13, indent: 12);
        }
        return pages.Finish(title);
    }
}
