using System.Globalization;
using DpoDesk.Reports;
using DpoDesk.Web.Letters;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DpoDesk.Web.Reports;

/// <summary>Who the report is from and for: the controller and its DPO.</summary>
public sealed record ReportAuthor(string Company, string DpoName, string DpoEmail);

/// <summary>
/// The DPO's annual report to top management (Art. 38(3) GDPR): a cover, the summary in words, then each
/// section with its charts drawn with PDFsharp and the tables of figures; DejaVu Sans embedded for the
/// Polish letters. Written in the language the sections were made in.
/// </summary>
public static class AnnualReportPdf
{
    static readonly double Left = LetterPdf.Millimetres(20);
    static readonly double Width = LetterPdf.Millimetres(170);
    static readonly double Bottom = LetterPdf.Millimetres(297 - 20);

    public static byte[] Render(OfficeReport report, IReadOnlyList<ReportSection> sections, ReportAuthor author, Func<string, string> t)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(t);
        LetterPdf.EnsureFonts();
        using var document = new PdfDocument();
        var title = string.Format(CultureInfo.InvariantCulture, t("Sprawozdanie Inspektora Ochrony Danych za {0}"), ReportFigures.PeriodText(report.Period));
        document.Info.Title = title;
        document.Info.Creator = "DpoDesk";
        var fonts = new Fonts();
        var page = new PageWriter(document, fonts);

        // The cover.
        page.Skip(LetterPdf.Millimetres(50));
        page.Line(t("Sprawozdanie Inspektora Ochrony Danych"), fonts.Cover, 26);
        page.Line(ReportFigures.PeriodText(report.Period), fonts.Title, 22);
        page.Skip(12);
        page.Line(string.Format(CultureInfo.InvariantCulture, t("dla zarządu: {0}"), author.Company), fonts.Regular, 15);
        page.Line(t("art. 38 ust. 3 RODO: inspektor ochrony danych podlega bezpośrednio najwyższemu kierownictwu i składa mu sprawozdania"), fonts.Regular, 15);
        page.Skip(12);
        page.Line(string.Format(CultureInfo.InvariantCulture, t("Przygotował(a): {0}, {1}"), author.DpoName, author.DpoEmail), fonts.Regular, 15);
        page.Line(string.Format(CultureInfo.InvariantCulture, t("Stan na: {0}"), Localization.Text.DateTimeText(report.ComputedAt)), fonts.Regular, 15);
        page.Line(t("Sprawozdanie zawiera wyłącznie liczby; nie zawiera danych osobowych."), fonts.Small, 12);

        // The summary in words, all sections together.
        page.NewPage();
        page.Line(t("Podsumowanie"), fonts.Title, 20);
        foreach (var section in sections)
        {
            page.Skip(4);
            page.Line(section.Heading, fonts.Heading, 15);
            foreach (var sentence in section.Summary)
                page.Line("• " + sentence, fonts.Regular, 13, indent: 8);
        }

        // Each section: its charts and tables.
        for (var i = 0; i < sections.Count; i++)
        {
            page.NewPage();
            page.Line($"{i + 1}. {sections[i].Heading}", fonts.Title, 20);
            foreach (var figure in sections[i].Figures)
            {
                if (figure.Chart is { } chart)
                {
                    page.EnsureRoom(LetterPdf.Millimetres(80));
                    page.Skip(6);
                    page.Line(chart.Title, fonts.Heading, 15);
                    var height = LetterPdf.Millimetres(62);
                    PdfChart.Draw(page.Graphics, chart, new XRect(Left, page.Y, Width, height), fonts);
                    page.Skip(height + 4);
                }
                page.Table(figure.Table);
            }
        }
        page.Finish();

        var small = fonts.Small;
        for (var p = 1; p < document.PageCount; p++)
        {
            using var footer = XGraphics.FromPdfPage(document.Pages[p]);
            footer.DrawString($"{title} — {p + 1} / {document.PageCount}", small, XBrushes.Gray, new XRect(Left, LetterPdf.Millimetres(297 - 12), Width, 10), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    internal sealed class Fonts
    {
        public XFont Cover { get; } = new(LetterPdf.FontFamily, 20, XFontStyleEx.Bold);
        public XFont Title { get; } = new(LetterPdf.FontFamily, 15, XFontStyleEx.Bold);
        public XFont Heading { get; } = new(LetterPdf.FontFamily, 11, XFontStyleEx.Bold);
        public XFont Regular { get; } = new(LetterPdf.FontFamily, 10, XFontStyleEx.Regular);
        public XFont TableText { get; } = new(LetterPdf.FontFamily, 9, XFontStyleEx.Regular);
        public XFont TableHead { get; } = new(LetterPdf.FontFamily, 9, XFontStyleEx.Bold);
        public XFont Small { get; } = new(LetterPdf.FontFamily, 8, XFontStyleEx.Regular);
    }

    /// <summary>Writes lines and tables down the pages, starting a new page when one is full.</summary>
    sealed class PageWriter(PdfDocument document, Fonts fonts)
    {
        XGraphics? _gfx;

        public double Y { get; private set; }

        public XGraphics Graphics => _gfx ?? throw new InvalidOperationException("No page yet.");

        public void NewPage()
        {
            _gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            Y = LetterPdf.Millimetres(20);
        }

        public void EnsureRoom(double height)
        {
            if (_gfx is null || Y + height > Bottom)
                NewPage();
        }

        public void Skip(double height)
        {
            EnsureRoom(0);
            Y += height;
        }

        public void Line(string text, XFont font, double height, double indent = 0)
        {
            EnsureRoom(height);
            foreach (var line in LetterPdf.Wrap(Graphics, text, font, Width - indent))
            {
                EnsureRoom(height);
                Graphics.DrawString(line, font, XBrushes.Black, Left + indent, Y + font.Size);
                Y += height;
            }
        }

        /// <summary>A table: the first column names the rows, the others hold figures, right-aligned.</summary>
        public void Table(FigureTable table)
        {
            const double RowHeight = 13;
            var first = LetterPdf.Millimetres(70);
            var other = table.Columns.Count > 1 ? (Width - first) / (table.Columns.Count - 1) : 0;
            EnsureRoom(RowHeight * Math.Min(table.Rows.Count + 2, 6));
            Line(table.Caption, fonts.Heading, 15);
            void Row(IReadOnlyList<string> cells, XFont font)
            {
                // Every cell wraps within its column; the row is as tall as its tallest cell.
                var wrapped = cells.Select((cell, c) => LetterPdf.Wrap(Graphics, cell, font, (c == 0 ? first : other) - 6)).ToList();
                var height = RowHeight * Math.Max(1, wrapped.Max(lines => lines.Count));
                EnsureRoom(height);
                for (var c = 0; c < wrapped.Count; c++)
                {
                    for (var l = 0; l < wrapped[c].Count; l++)
                    {
                        if (c == 0)
                            Graphics.DrawString(wrapped[c][l], font, XBrushes.Black, Left, Y + RowHeight * l + font.Size);
                        else
                            Graphics.DrawString(wrapped[c][l], font, XBrushes.Black, new XRect(Left + first + other * (c - 1), Y + RowHeight * l, other - 4, RowHeight), XStringFormats.TopRight);
                    }
                }
                Y += height;
                Graphics.DrawLine(new XPen(XColors.LightGray, 0.5), Left, Y - 1, Left + Width, Y - 1);
            }
            Row(table.Columns, fonts.TableHead);
            foreach (var row in table.Rows)
                Row(row, fonts.TableText);
            Y += 8;
        }

        public void Finish() => _gfx?.Dispose();
    }
}

/// <summary>Draws a <see cref="Chart"/> in a PDF the way <see cref="SvgChart"/> draws it on the page.</summary>
static class PdfChart
{
    public static void Draw(XGraphics gfx, Chart chart, XRect area, AnnualReportPdf.Fonts fonts)
    {
        const double AxisWidth = 28, LabelHeight = 14, LegendHeight = 16;
        var plot = new XRect(area.X + AxisWidth, area.Y + 14, area.Width - AxisWidth, area.Height - 14 - LabelHeight - LegendHeight);
        var (top, step) = chart.Axis();
        double Y(double value) => plot.Bottom - plot.Height * value / top;
        var grid = new XPen(XColor.FromArgb(200, 200, 200), 0.5);
        var axis = new XPen(XColor.FromArgb(51, 51, 51), 0.8);
        var small = fonts.Small;
        for (var tick = 0; tick <= top; tick += step)
        {
            gfx.DrawLine(grid, plot.Left, Y(tick), plot.Right, Y(tick));
            gfx.DrawString(tick.ToString(CultureInfo.InvariantCulture), small, XBrushes.Black, new XRect(area.X, Y(tick) - 5, AxisWidth - 4, 10), XStringFormats.CenterRight);
        }
        gfx.DrawLine(axis, plot.Left, plot.Top, plot.Left, plot.Bottom);

        var band = chart.Categories.Count == 0 ? plot.Width : plot.Width / chart.Categories.Count;
        var groupWidth = band * 0.75;
        var barWidth = chart.Stacked || chart.Series.Count == 0 ? groupWidth : groupWidth / chart.Series.Count;
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var x0 = plot.Left + band * c + (band - groupWidth) / 2;
            var stacked = 0;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.Series[s].Values[c];
                var bottomValue = chart.Stacked ? stacked : 0;
                var x = chart.Stacked ? x0 : x0 + barWidth * s;
                if (value > 0)
                {
                    var rect = new XRect(x, Y(bottomValue + value), barWidth, Y(bottomValue) - Y(bottomValue + value));
                    Fill(gfx, rect, s);
                    if (!chart.Stacked)
                        gfx.DrawString(value.ToString(CultureInfo.InvariantCulture), small, XBrushes.Black, new XRect(x - 6, rect.Y - 10, barWidth + 12, 9), XStringFormats.BottomCenter);
                }
                stacked += value;
            }
            if (chart.Stacked && stacked > 0)
                gfx.DrawString(stacked.ToString(CultureInfo.InvariantCulture), small, XBrushes.Black, new XRect(x0 - 6, Y(stacked) - 10, groupWidth + 12, 9), XStringFormats.BottomCenter);
            gfx.DrawString(chart.Categories[c], small, XBrushes.Black, new XRect(plot.Left + band * c, plot.Bottom + 2, band, LabelHeight - 2), XStringFormats.TopCenter);
        }
        gfx.DrawLine(axis, plot.Left, plot.Bottom, plot.Right, plot.Bottom);

        var legendX = plot.Left;
        var legendY = area.Bottom - LegendHeight + 3;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            Fill(gfx, new XRect(legendX, legendY, 12, 9), s);
            gfx.DrawString(chart.Series[s].Name, small, XBrushes.Black, legendX + 16, legendY + 8);
            legendX += 16 + gfx.MeasureString(chart.Series[s].Name, small).Width + 14;
        }
    }

    /// <summary>The series' colour with its pattern in white over it, as in the SVG.</summary>
    static void Fill(XGraphics gfx, XRect rect, int series)
    {
        var hex = Chart.ColourOf(series);
        var colour = XColor.FromArgb(Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
        gfx.DrawRectangle(new XSolidBrush(colour), rect);
        var pattern = Chart.PatternOf(series);
        if (pattern == Chart.Pattern.Solid)
            return;
        var state = gfx.Save();
        gfx.IntersectClip(rect);
        var pen = new XPen(XColors.White, 0.9);
        const double Gap = 4;
        switch (pattern)
        {
            case Chart.Pattern.Diagonal:
            case Chart.Pattern.Cross:
                for (var d = -rect.Height; d < rect.Width; d += Gap)
                {
                    gfx.DrawLine(pen, rect.X + d, rect.Bottom, rect.X + d + rect.Height, rect.Y);
                    if (pattern == Chart.Pattern.Cross)
                        gfx.DrawLine(pen, rect.X + d, rect.Y, rect.X + d + rect.Height, rect.Bottom);
                }
                break;
            case Chart.Pattern.Dots:
                for (var y = rect.Y + Gap / 2; y < rect.Bottom; y += Gap)
                    for (var x = rect.X + Gap / 2; x < rect.Right; x += Gap)
                        gfx.DrawEllipse(XBrushes.White, x - 0.8, y - 0.8, 1.6, 1.6);
                break;
            case Chart.Pattern.Horizontal:
                for (var y = rect.Y + Gap / 2; y < rect.Bottom; y += Gap)
                    gfx.DrawLine(pen, rect.X, y, rect.Right, y);
                break;
            default:
                for (var x = rect.X + Gap / 2; x < rect.Right; x += Gap)
                    gfx.DrawLine(pen, x, rect.Y, x, rect.Bottom);
                break;
        }
        gfx.Restore(state);
    }
}
