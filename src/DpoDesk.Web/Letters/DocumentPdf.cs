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
        void Line(string text, XFont font, double height, double indent = 0)
        {
            foreach (var line in LetterPdf.Wrap(gfx!, text, font, width - indent))
            {
                if (y + height > bottom)
                    NewPage();
                gfx!.DrawString(line, font, XBrushes.Black, left + indent, y);
                y += height;
            }
        }

        NewPage();
        Line(title, titleFont, 18);
        Line(subtitle, regular, 13);
        y += 8;
        for (var i = 0; i < sections.Count; i++)
        {
            y += 6;
            if (y + 40 > bottom)
                NewPage();
            Line($"{i + 1}. {sections[i].Heading}", heading, 15);
            foreach (var text in sections[i].Lines)
                foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
                    Line(paragraph, regular, 13, indent: 12);
        }
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
}
