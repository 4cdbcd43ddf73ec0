namespace DpoDesk.Web.Reports;

/// <summary>One series of a chart: its name (the legend) and one value per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<int> Values);

/// <summary>
/// A bar chart as data, drawn the same way as SVG on the page and with PDFsharp in the annual report:
/// bars side by side, or stacked; a histogram is a one-series chart whose categories are the buckets.
/// </summary>
public sealed record Chart(string Id, string Title, string Description, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, bool Stacked = false)
{
    /// <summary>
    /// The Okabe–Ito colour-blind-safe hues, darkened where needed so that each has at least 4.5:1 contrast
    /// on white; each series also has its own pattern, so colour is never the only cue.
    /// </summary>
    public static readonly string[] Palette = ["#0072B2", "#C44E00", "#00785A", "#A8508A", "#6A3D9A", "#8A5A00"];

    /// <summary>The patterns that go with the palette: solid, diagonal stripes, dots, cross-hatching, horizontal, vertical.</summary>
    public enum Pattern { Solid, Diagonal, Dots, Cross, Horizontal, Vertical }

    public static Pattern PatternOf(int series) => (Pattern)(series % 6);

    public static string ColourOf(int series) => Palette[series % Palette.Length];

    /// <summary>The largest value the axis must show: the tallest stack, or the tallest bar.</summary>
    public int MaxValue => Categories.Count == 0 || Series.Count == 0 ? 0
        : Stacked ? Enumerable.Range(0, Categories.Count).Max(i => Series.Sum(s => s.Values[i]))
        : Series.Max(s => s.Values.DefaultIfEmpty(0).Max());

    /// <summary>A round top for the axis (1, 2 or 5 times a power of ten) and its tick step, at least 1.</summary>
    static readonly int[] Steps = [1, 2, 5, 10];

    public (int Top, int Step) Axis()
    {
        var max = Math.Max(MaxValue, 1);
        var raw = max / 4.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Steps.Select(f => f * magnitude).First(s => s >= raw);
        var whole = Math.Max(1, (int)Math.Ceiling(step));
        var top = (int)Math.Ceiling((double)max / whole) * whole;
        return (top, whole);
    }

    public int CategoryTotal(int category) => Series.Sum(s => s.Values[category]);
}
