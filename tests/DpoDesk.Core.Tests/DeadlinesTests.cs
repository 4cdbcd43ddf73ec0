using DpoDesk.Requests;

namespace DpoDesk.Tests;

/// <summary>Art. 12(3) with Reg. 1182/71 art. 3: same-numbered day of the next month, or its last day.</summary>
public sealed class DeadlinesTests
{
    [Theory]
    [InlineData("2026-01-15", "2026-02-15")]
    [InlineData("2026-01-31", "2026-02-28")]
    [InlineData("2028-01-31", "2028-02-29")]
    [InlineData("2026-03-31", "2026-04-30")]
    [InlineData("2026-12-15", "2027-01-15")]
    [InlineData("2026-12-31", "2027-01-31")]
    [InlineData("2028-02-29", "2028-03-29")]
    public void One_month_ends_on_the_same_numbered_day_or_the_last_day(string received, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Deadlines.AddMonths(DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture), 1));

    [Fact]
    public void The_day_of_receipt_is_the_polish_calendar_day()
    {
        // 23:30 UTC on 31 March is already 1 April in Warsaw (summer time).
        var received = new DateTime(2026, 3, 31, 23, 30, 0, DateTimeKind.Utc);
        Assert.Equal(new DateOnly(2026, 5, 1), Deadlines.LegalDueOn(received));
    }

    [Fact]
    public void Request_numbers_are_zero_padded_per_year()
    {
        Assert.Equal("IOD/2026/000123", RequestNumber.Format(2026, 123));
        Assert.Equal("IOD/2026/000123", RequestNumber.Normalize(" iod/2026/000123 "));
        Assert.Null(RequestNumber.Normalize("IOD/2026/12"));
        Assert.Null(RequestNumber.Normalize("<script>"));
    }
}
