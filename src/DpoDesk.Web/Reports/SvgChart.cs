using System.Globalization;
using System.Net;
using System.Text;

namespace DpoDesk.Web.Reports;

/// <summary>
/// Draws a <see cref="Chart"/> as inline SVG: an image with a title and a description for screen readers
/// (the figures themselves follow as a table), axis labels, a legend, patterns beside the colours, and each
/// bar's or stack's value written above it.
/// </summary>
public static class SvgChart
{
    const double Width = 720, Height = 300, Left = 48, Right = 12, Top = 16, Bottom = 64;

    static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);

    public static string Render(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var id = chart.Id;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {N(Width)} {N(Height)}" role="img" aria-labelledby="{id}-title {id}-desc" data-chart="{id}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{E(chart.Title)}</title><desc id="{id}-desc">{E(chart.Description)}</desc>""");
        svg.Append("<defs>");
        for (var s = 0; s < chart.Series.Count; s++)
            svg.Append(PatternDefinition(id, s));
        svg.Append("</defs>");

        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var (top, step) = chart.Axis();
        double Y(double value) => Top + plotHeight - plotHeight * value / top;

        // The value axis: grid lines with their numbers.
        for (var tick = 0; tick <= top; tick += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(Left)}" x2="{N(Width - Right)}" y1="{N(Y(tick))}" y2="{N(Y(tick))}" stroke="#c8c8c8" stroke-width="1"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(Left - 6)}" y="{N(Y(tick) + 4)}" text-anchor="end" font-size="12" fill="#333">{tick}</text>""");
        }
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(Left)}" x2="{N(Left)}" y1="{N(Top)}" y2="{N(Top + plotHeight)}" stroke="#333" stroke-width="1"/>""");

        var band = chart.Categories.Count == 0 ? plotWidth : plotWidth / chart.Categories.Count;
        var groupWidth = band * 0.75;
        var barWidth = chart.Stacked || chart.Series.Count == 0 ? groupWidth : groupWidth / chart.Series.Count;
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var x0 = Left + band * c + (band - groupWidth) / 2;
            var stacked = 0;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.Series[s].Values[c];
                var x = chart.Stacked ? x0 : x0 + barWidth * s;
                var bottomValue = chart.Stacked ? stacked : 0;
                var y = Y(bottomValue + value);
                var h = Y(bottomValue) - y;
                if (value > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(x)}" y="{N(y)}" width="{N(barWidth)}" height="{N(h)}" fill="url(#{id}-p{s})" stroke="{Chart.ColourOf(s)}" stroke-width="1"><title>{E(chart.Categories[c])}, {E(chart.Series[s].Name)}: {value}</title></rect>""");
                    if (!chart.Stacked)
                        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x + barWidth / 2)}" y="{N(y - 3)}" text-anchor="middle" font-size="11" fill="#222">{value}</text>""");
                }
                stacked += value;
            }
            if (chart.Stacked && stacked > 0)
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(x0 + groupWidth / 2)}" y="{N(Y(stacked) - 3)}" text-anchor="middle" font-size="11" fill="#222">{stacked}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(Left + band * c + band / 2)}" y="{N(Top + plotHeight + 16)}" text-anchor="middle" font-size="12" fill="#333">{E(chart.Categories[c])}</text>""");
        }
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(Left)}" x2="{N(Width - Right)}" y1="{N(Top + plotHeight)}" y2="{N(Top + plotHeight)}" stroke="#333" stroke-width="1"/>""");

        // The legend, under the axis: a swatch with the series' colour and pattern, and its name.
        var legendX = Left;
        var legendY = Height - 22;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(legendX)}" y="{N(legendY - 11)}" width="16" height="14" fill="url(#{id}-p{s})" stroke="{Chart.ColourOf(s)}" stroke-width="1"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(legendX + 22)}" y="{N(legendY)}" font-size="12" fill="#222">{E(chart.Series[s].Name)}</text>""");
            legendX += 22 + 7.2 * chart.Series[s].Name.Length + 18;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    static string PatternDefinition(string id, int series)
    {
        var colour = Chart.ColourOf(series);
        var inner = Chart.PatternOf(series) switch
        {
            Chart.Pattern.Solid => "",
            Chart.Pattern.Diagonal => """<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.6"/>""",
            Chart.Pattern.Dots => """<circle cx="4" cy="4" r="1.6" fill="#fff"/>""",
            Chart.Pattern.Cross => """<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" stroke-width="1.2"/>""",
            Chart.Pattern.Horizontal => """<path d="M0,4 h8" stroke="#fff" stroke-width="1.6"/>""",
            _ => """<path d="M4,0 v8" stroke="#fff" stroke-width="1.6"/>""",
        };
        return $"""<pattern id="{id}-p{series}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{colour}"/>{inner}</pattern>""";
    }
}
