namespace DpoDesk.Regulator;

/// <summary>
/// Deadlines counted as the Polish code of administrative procedure counts them (KPA art. 57): a period
/// in days starts the day after delivery, and one that ends on a Saturday or a public holiday (Sunday
/// included) ends on the next working day.
/// </summary>
public static class KpaDeadlines
{
    /// <summary>The last day to answer a letter delivered on <paramref name="delivered"/> with <paramref name="days"/> days.</summary>
    public static DateOnly DueOn(DateOnly delivered, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var due = delivered.AddDays(days);
        while (!IsWorkingDay(due))
            due = due.AddDays(1);
        return due;
    }

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(day);

    /// <summary>The Polish public holidays (ustawa o dniach wolnych od pracy), Easter-based ones included.</summary>
    public static bool IsPublicHoliday(DateOnly day)
    {
        switch ((day.Month, day.Day))
        {
            case (1, 1): // Nowy Rok
            case (1, 6): // Trzech Króli
            case (5, 1): // Święto Pracy
            case (5, 3): // Święto Konstytucji 3 Maja
            case (8, 15): // Wniebowzięcie NMP
            case (11, 1): // Wszystkich Świętych
            case (11, 11): // Święto Niepodległości
            case (12, 25): // Boże Narodzenie
            case (12, 26): // drugi dzień Bożego Narodzenia
                return true;
            case (12, 24) when day.Year >= 2025: // Wigilia, a holiday from 2025
                return true;
        }
        var easter = EasterSunday(day.Year);
        return day == easter
            || day == easter.AddDays(1) // Poniedziałek Wielkanocny
            || day == easter.AddDays(49) // Zielone Świątki
            || day == easter.AddDays(60); // Boże Ciało
    }

    /// <summary>Western Easter Sunday (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
