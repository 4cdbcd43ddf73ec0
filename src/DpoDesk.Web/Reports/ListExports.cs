using System.Globalization;
using DpoDesk.Requests;

namespace DpoDesk.Web.Reports;

/// <summary>How the office lists write their values into CSV: ISO dates and times in Poland's time, codes not words.</summary>
public static class ListExports
{
    /// <summary>A list exported at once; larger ones are narrowed with the filters.</summary>
    public const int MaxRows = 100_000;

    public static string? Time(DateTime? utc) =>
        utc is { } at ? Deadlines.ToPolishLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;

    public static string? Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The kinds of a request, as their code names joined with "+" (a request may carry several).</summary>
    public static string Actions(RequestActions actions) =>
        string.Join('+', new[] { RequestActions.Erasure, RequestActions.SourceInquiry, RequestActions.SharingObjection }.Where(a => actions.HasFlag(a)));

    /// <summary>The audit detail of an export: how many rows and under which filters (never a search term: it may be an e-mail).</summary>
    public static string Detail(int rows, params string?[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var given = filters.Where(f => !string.IsNullOrEmpty(f)).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{rows} rows") + (given.Count == 0 ? "" : "; filters: " + string.Join(", ", given));
    }
}
