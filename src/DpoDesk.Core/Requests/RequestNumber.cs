using System.Globalization;
using System.Text.RegularExpressions;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Requests;

/// <summary>Request numbers: IOD/{year}/{six digits}, sequential per year and never reused.</summary>
public static partial class RequestNumber
{
    public static string Format(int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"IOD/{year}/{sequence:D6}");

    public static bool IsWellFormed(string? number) => number is not null && Pattern().IsMatch(number);

    /// <summary>Trims and upper-cases what a person typed, e.g. " iod/2026/000123 ".</summary>
    public static string? Normalize(string? input)
    {
        var candidate = input?.Trim().ToUpperInvariant();
        return IsWellFormed(candidate) ? candidate : null;
    }

    [GeneratedRegex(@"^IOD/\d{4}/\d{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>The last number given out in a year. Rows only grow, so a number is never given twice.</summary>
public sealed class RequestNumberSequence
{
    public int Year { get; set; }
    public long LastValue { get; set; }
}

/// <summary>Gives out request numbers.</summary>
public static class RequestNumbers
{
    /// <summary>The next number of a year: one statement that both engines run atomically; the row only grows, so a number is never reused.</summary>
    public static async Task<long> NextAsync(DpoDeskDbContext db, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO request_number_sequences ("Year", "LastValue") VALUES ({year}, 1)
            ON CONFLICT ("Year") DO UPDATE SET "LastValue" = request_number_sequences."LastValue" + 1
            RETURNING "LastValue" AS "Value"
            """).ToListAsync(ct).ConfigureAwait(false);
        return values[0];
    }
}
