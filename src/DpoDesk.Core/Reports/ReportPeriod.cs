using System.Linq.Expressions;
using DpoDesk.Requests;

namespace DpoDesk.Reports;

/// <summary>The months a report covers, by the Polish calendar: from the first month to the last, inclusive.</summary>
public sealed record ReportPeriod(int Year, int FromMonth, int ToMonth)
{
    public static ReportPeriod WholeYear(int year) => new(year, 1, 12);

    /// <summary>A period the office can ask for: years 2000–2100, months 1–12 in order; otherwise null.</summary>
    public static ReportPeriod? Create(int year, int fromMonth = 1, int toMonth = 12) =>
        year is >= 2000 and <= 2100 && fromMonth is >= 1 and <= 12 && toMonth is >= 1 and <= 12 && fromMonth <= toMonth
            ? new ReportPeriod(year, fromMonth, toMonth)
            : null;

    public DateOnly FirstDay => new(Year, FromMonth, 1);

    /// <summary>The day after the period.</summary>
    public DateOnly EndDay => new DateOnly(Year, ToMonth, 1).AddMonths(1);

    /// <summary>The first instant of the period in Poland, as UTC.</summary>
    public DateTime Start => Deadlines.PolishMidnight(FirstDay);

    /// <summary>The first instant after the period in Poland, as UTC.</summary>
    public DateTime End => Deadlines.PolishMidnight(EndDay);

    public IReadOnlyList<DateOnly> Months =>
        Enumerable.Range(FromMonth, ToMonth - FromMonth + 1).Select(m => new DateOnly(Year, m, 1)).ToList();

    /// <summary>
    /// The month of an instant as an index into <see cref="Months"/>, as an expression the database evaluates
    /// (a CASE over the months' starts in UTC), so that rows are grouped by Polish month where they are stored.
    /// Only meaningful for instants inside the period.
    /// </summary>
    public Expression<Func<T, int>> MonthIndex<T>(Expression<Func<T, DateTime>> at)
    {
        ArgumentNullException.ThrowIfNull(at);
        var months = Months;
        Expression body = Expression.Constant(months.Count - 1);
        for (var i = months.Count - 2; i >= 0; i--)
        {
            var nextStart = Deadlines.PolishMidnight(months[i + 1]);
            body = Expression.Condition(Expression.LessThan(at.Body, Expression.Constant(nextStart)), Expression.Constant(i), body);
        }
        return Expression.Lambda<Func<T, int>>(body, at.Parameters);
    }
}
