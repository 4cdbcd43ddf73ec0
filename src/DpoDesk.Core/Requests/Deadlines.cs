namespace DpoDesk.Requests;

/// <summary>The legal and house deadlines of a request.</summary>
public static class Deadlines
{
    /// <summary>The house promise, measured from receipt.</summary>
    public static readonly TimeSpan HouseTarget = TimeSpan.FromHours(72);

    static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    /// <summary>The calendar day in Poland of a UTC instant.</summary>
    public static DateOnly PolishDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Warsaw));

    /// <summary>
    /// Adds months the way Reg. 1182/71 art. 3 counts them: the day of receipt does not count and the
    /// period ends on the same-numbered day of the later month, or on its last day when there is none
    /// (received 31 January: due 28 or 29 February).
    /// </summary>
    public static DateOnly AddMonths(DateOnly received, int months) => received.AddMonths(months);

    /// <summary>Noon in Poland on a day, as UTC: the receipt time of a letter whose day alone is known.</summary>
    public static DateTime PolishNoon(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(12, 0)), Warsaw);

    /// <summary>A wall-clock time in Poland (as typed into a form), as UTC.</summary>
    public static DateTime FromPolishLocal(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Warsaw);

    /// <summary>A UTC instant as wall-clock time in Poland.</summary>
    public static DateTime ToPolishLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Warsaw);

    /// <summary>The start of a day in Poland, as UTC.</summary>
    public static DateTime PolishMidnight(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Warsaw);

    /// <summary>The Art. 12(3) deadline for a request received at <paramref name="receivedAtUtc"/>.</summary>
    public static DateOnly LegalDueOn(DateTime receivedAtUtc) => AddMonths(PolishDate(receivedAtUtc), 1);
}
