using System.Text;

namespace DpoDesk.Reports;

/// <summary>
/// The office's CSV files: RFC 4180 with every cell quoted, comma-separated, CRLF, UTF-8 with a byte-order
/// mark so that a spreadsheet opens the Polish letters right. A cell that a spreadsheet would run as a
/// formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe (OWASP CSV injection).
/// </summary>
public static class CsvTable
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        AppendRow(csv, header);
        foreach (var row in rows)
            AppendRow(csv, row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    static void AppendRow(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                csv.Append(',');
            csv.Append(Cell(cells[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>One cell, neutralised and quoted.</summary>
    public static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
