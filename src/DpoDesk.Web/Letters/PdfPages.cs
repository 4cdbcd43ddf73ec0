using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DpoDesk.Web.Letters;

/// <summary>
/// A4 pages written from the top down, 20 mm margins: wrapped lines that start a new page when the
/// page is full, and the title with the page number in every footer. The documents and the Markdown
/// pages are laid out with it.
/// </summary>
sealed class PdfPages(PdfDocument document) : IDisposable
{
    public static readonly double Left = LetterPdf.Millimetres(20);
    public static readonly double Width = LetterPdf.Millimetres(170);
    static readonly double Bottom = LetterPdf.Millimetres(297 - 20);

    XGraphics? _gfx;

    /// <summary>Where the next line goes, from the top of the page.</summary>
    public double Y { get; set; }

    XGraphics Graphics => _gfx ?? throw new InvalidOperationException("No page yet.");

    public void NewPage()
    {
        _gfx?.Dispose();
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        Y = LetterPdf.Millimetres(20);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more fits on this one.</summary>
    public void EnsureRoom(double height)
    {
        if (_gfx is null || Y + height > Bottom)
            NewPage();
    }

    /// <summary>Each paragraph of <paramref name="text"/> (split at newlines), wrapped to the width; a marker (a bullet, a number) before the first line.</summary>
    public void Lines(string text, XFont font, double height, double indent = 0, string? marker = null)
    {
        var first = true;
        foreach (var paragraph in text.Split('\n'))
        {
            foreach (var line in LetterPdf.Wrap(Graphics, paragraph, font, Width - indent))
            {
                EnsureRoom(height);
                if (first && marker is not null)
                    Graphics.DrawString(marker, font, XBrushes.Black, Left + indent - 12, Y);
                first = false;
                Graphics.DrawString(line, font, XBrushes.Black, Left + indent, Y);
                Y += height;
            }
        }
    }

    /// <summary>Ends the last page, numbers every page in its footer, and gives the file.</summary>
    public byte[] Finish(string title)
    {
        _gfx?.Dispose();
        _gfx = null;
        var small = new XFont(LetterPdf.FontFamily, 8, XFontStyleEx.Regular);
        for (var i = 0; i < document.PageCount; i++)
        {
            using var footer = XGraphics.FromPdfPage(document.Pages[i]);
            footer.DrawString($"{title} — {i + 1} / {document.PageCount}", small, XBrushes.Gray, new XRect(Left, LetterPdf.Millimetres(297 - 12), Width, 10), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose() => _gfx?.Dispose();
}
