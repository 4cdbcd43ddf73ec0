using System.Globalization;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Staff;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Chat;

/// <summary>When the office answers the chat: one span a weekday, in Warsaw time.</summary>
public sealed record OfficeHours(IReadOnlyDictionary<DayOfWeek, (TimeOnly Opens, TimeOnly Closes)> Days)
{
    public const string SettingKey = "chat.hours";

    /// <summary>Monday to Friday, 8:00 to 16:00: the default until the DPO says otherwise.</summary>
    public static OfficeHours Default { get; } = new(Enumerable.Range(1, 5).ToDictionary(d => (DayOfWeek)d, _ => (new TimeOnly(8, 0), new TimeOnly(16, 0))));

    /// <summary>Monday first, as a Polish week.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public bool IsOpenAt(DateTime utc)
    {
        var local = Deadlines.ToPolishLocal(utc);
        return Days.TryGetValue(local.DayOfWeek, out var span) && TimeOnly.FromDateTime(local) is var t && t >= span.Opens && t < span.Closes;
    }

    /// <summary>"1=08:00-16:00;2=…": the day's number (Sunday 0) and its span.</summary>
    public string Serialize() => string.Join(';', Week.Where(Days.ContainsKey)
        .Select(d => string.Create(CultureInfo.InvariantCulture, $"{(int)d}={Days[d].Opens:HH\\:mm}-{Days[d].Closes:HH\\:mm}")));

    public static OfficeHours Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return new OfficeHours(new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)>());
        var days = new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split('=', '-');
            if (pieces.Length == 3 && int.TryParse(pieces[0], CultureInfo.InvariantCulture, out var day) && day is >= 0 and <= 6
                && TimeOnly.TryParseExact(pieces[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
                && TimeOnly.TryParseExact(pieces[2], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
                && opens < closes)
                days[(DayOfWeek)day] = (opens, closes);
        }
        return new OfficeHours(days);
    }

    public static async Task<OfficeHours> GetAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var value = await db.OfficeSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return value is null ? Default : Parse(value);
    }

    /// <summary>Stores the hours in the caller's unit of work.</summary>
    public async Task SaveAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var setting = await db.OfficeSettings.FirstOrDefaultAsync(s => s.Key == SettingKey, ct).ConfigureAwait(false);
        if (setting is null)
            db.OfficeSettings.Add(new OfficeSetting { Key = SettingKey, Value = Serialize() });
        else
            setting.Value = Serialize();
    }
}
