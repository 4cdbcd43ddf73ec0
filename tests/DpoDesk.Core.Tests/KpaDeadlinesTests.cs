using DpoDesk.Regulator;

namespace DpoDesk.Tests;

/// <summary>KPA art. 57 on the calendar: the delivery day does not count; Saturdays and holidays move the end.</summary>
public sealed class KpaDeadlinesTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_falls_where_the_calendar_puts_it(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), KpaDeadlines.EasterSunday(year));

    [Theory]
    [InlineData("2026-04-06")] // Easter Monday
    [InlineData("2026-05-24")] // Pentecost
    [InlineData("2026-06-04")] // Corpus Christi
    [InlineData("2026-11-11")]
    [InlineData("2026-12-24")] // Christmas Eve, a holiday since 2025
    [InlineData("2026-01-06")]
    public void Fixed_and_easter_based_holidays_are_holidays(string date) =>
        Assert.True(KpaDeadlines.IsPublicHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Christmas_eve_was_a_working_day_before_2025() =>
        Assert.True(KpaDeadlines.IsWorkingDay(new DateOnly(2024, 12, 24)));

    [Theory]
    // Delivered Monday 2 Nov 2026, 7 days: Monday 9 Nov, a working day.
    [InlineData("2026-11-02", 7, "2026-11-09")]
    // Delivered Wednesday 4 Nov 2026, 7 days: Wednesday 11 Nov is a holiday -> Thursday 12 Nov.
    [InlineData("2026-11-04", 7, "2026-11-12")]
    // Delivered Saturday 7 Nov, 7 days: Saturday 14 Nov -> Monday 16 Nov.
    [InlineData("2026-11-07", 7, "2026-11-16")]
    // Delivered Monday 30 Mar 2026, 7 days: Monday 6 Apr is Easter Monday -> Tuesday 7 Apr.
    [InlineData("2026-03-30", 7, "2026-04-07")]
    // Delivered 10 Dec 2026, 14 days: Thursday 24 Dec (Wigilia) -> 25, 26 holidays, 27 Sunday -> Monday 28 Dec.
    [InlineData("2026-12-10", 14, "2026-12-28")]
    // Delivered Friday 1 May 2026 (a holiday itself: delivery still counts from the next day), 1 day: Saturday 2 May -> Sunday -> Monday 4 May.
    [InlineData("2026-05-01", 1, "2026-05-04")]
    public void A_deadline_ending_on_a_saturday_or_holiday_moves_to_the_next_working_day(string delivered, int days, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            KpaDeadlines.DueOn(DateOnly.Parse(delivered, System.Globalization.CultureInfo.InvariantCulture), days));
}
