using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace DpoDesk.Web.Letters;

/// <summary>What goes on a printed letter: the office's address, the person's address, the date and the reply.</summary>
public sealed record Letter(string Sender, string Recipient, string Place, DateOnly Date, string Subject, string Body, bool English);

/// <summary>
/// Lays a letter out on A4 pages for a window envelope (DIN 5008 positions), with the fonts embedded so
/// that every Polish letter prints as written on any printer.
/// </summary>
public static class LetterPdf
{
    internal const string FontFamily = "DejaVu Sans";
    static readonly Lock Gate = new();

    public static byte[] Render(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = letter.Subject;
        document.Info.Creator = "DpoDesk";

        var regular = new XFont(EmbeddedFonts.Family, 10.5, XFontStyleEx.Regular);
        var bold = new XFont(EmbeddedFonts.Family, 10.5, XFontStyleEx.Bold);
        var small = new XFont(EmbeddedFonts.Family, 8, XFontStyleEx.Regular);
        var left = Millimetres(25);
        var width = Millimetres(210 - 25 - 20);
        var bottom = Millimetres(297 - 25);

        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);
        var y = Millimetres(20);
        foreach (var line in letter.Sender.Split('\n'))
        {
            gfx.DrawString(line, small, XBrushes.Black, left, y);
            y += 10;
        }

        // The address field of a C5/DL window envelope: 45 mm from the top, 20 mm from the left.
        y = Millimetres(50);
        foreach (var line in letter.Recipient.Split('\n'))
        {
            gfx.DrawString(line, regular, XBrushes.Black, Millimetres(20), y);
            y += 13;
        }

        var culture = CultureInfo.GetCultureInfo(letter.English ? "en-GB" : "pl-PL");
        var dated = letter.English
            ? $"{letter.Place}, {letter.Date.ToString("d MMMM yyyy", culture)}"
            : $"{letter.Place}, {letter.Date.ToString("d MMMM yyyy 'r.'", culture)}";
        gfx.DrawString(dated, regular, XBrushes.Black, new XRect(left, Millimetres(95), width, 14), XStringFormats.TopRight);

        y = Millimetres(110);
        foreach (var line in Wrap(gfx, letter.Subject, bold, width))
        {
            gfx.DrawString(line, bold, XBrushes.Black, left, y);
            y += 14;
        }
        y += 10;

        var lineHeight = 14.0;
        foreach (var paragraph in letter.Body.ReplaceLineEndings("\n").Split('\n'))
        {
            foreach (var line in paragraph.Length == 0 ? [""] : Wrap(gfx, paragraph, regular, width))
            {
                if (y + lineHeight > bottom)
                {
                    gfx.Dispose();
                    page = document.AddPage();
                    page.Size = PdfSharp.PageSize.A4;
                    gfx = XGraphics.FromPdfPage(page);
                    y = Millimetres(25);
                }
                gfx.DrawString(line, regular, XBrushes.Black, left, y);
                y += lineHeight;
            }
        }
        gfx.Dispose();

        for (var i = 0; i < document.PageCount; i++)
        {
            using var footer = XGraphics.FromPdfPage(document.Pages[i]);
            footer.DrawString($"{i + 1} / {document.PageCount}", small, XBrushes.Gray, new XRect(left, Millimetres(297 - 15), width, 10), XStringFormats.TopRight);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Breaks a paragraph into lines that fit, at spaces; a word longer than a line is cut.</summary>
    internal static List<string> Wrap(XGraphics gfx, string paragraph, XFont font, double width)
    {
        var lines = new List<string>();
        var indent = paragraph.Length - paragraph.TrimStart().Length;
        var current = paragraph[..indent];
        foreach (var word in paragraph[indent..].Split(' '))
        {
            var candidate = current.Trim().Length == 0 ? current + word : current + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Trim().Length > 0)
                lines.Add(current);
            current = word;
            while (gfx.MeasureString(current, font).Width > width && current.Length > 1)
            {
                var cut = current.Length - 1;
                while (cut > 1 && gfx.MeasureString(current[..cut], font).Width > width)
                    cut--;
                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }
        lines.Add(current);
        return lines;
    }

    internal static double Millimetres(double mm) => mm * 72 / 25.4;

    internal static void EnsureFonts()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
        }
    }

    /// <summary>DejaVu Sans from the assembly's resources: no dependence on the fonts of the machine.</summary>
    sealed class EmbeddedFonts : IFontResolver
    {
        public const string Family = FontFamily;

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"DpoDesk.Fonts.{faceName}.ttf")
                ?? throw new InvalidOperationException($"The font {faceName} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
