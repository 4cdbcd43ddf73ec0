using System.Globalization;
using System.Text;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Breaches;

/// <summary>The <c>Controller:*</c> settings: who the company is, for the documents sent to the regulator.</summary>
public sealed class ControllerOptions
{
    [System.ComponentModel.DataAnnotations.Required]
    public string Name { get; set; } = "Przykładowa Baza Danych sp. z o.o.";

    [System.ComponentModel.DataAnnotations.Required]
    public string Address { get; set; } = "ul. Przykładowa 1, 00-001 Warszawa";

    public string? Nip { get; set; } = "1234563218";

    [System.ComponentModel.DataAnnotations.Required]
    public string DpoName { get; set; } = "Inspektor Ochrony Danych";

    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.EmailAddress]
    public string DpoEmail { get; set; } = "iod@dpodesk.local";

    public string? DpoPhone { get; set; }
}

/// <summary>The breach register's rules that are not a page: numbering and the 72-hour reminders.</summary>
public static class BreachRegister
{
    /// <summary>The next reference of a year: NAR/2026/001, …</summary>
    public static async Task<string> NextReferenceAsync(DpoDeskDbContext db, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"NAR/{year}/");
        var count = await db.Breaches.CountAsync(b => b.Reference.StartsWith(prefix), ct).ConfigureAwait(false);
        return prefix + (count + 1).ToString("D3", CultureInfo.InvariantCulture);
    }

    /// <summary>How the clock stands, in words for the office: "41 h 12 min left" or "3 h 5 min over".</summary>
    public static (bool Over, int Hours, int Minutes) Clock(Breach breach, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(breach);
        var left = breach.NotificationDeadline - now;
        var over = left < TimeSpan.Zero;
        var span = over ? -left : left;
        return (over, (int)span.TotalHours, span.Minutes);
    }

    /// <summary>
    /// Reminds the DPOs, once per breach, when fewer than <paramref name="before"/> remain of the 72 hours
    /// and no decision about the regulator is recorded. Returns how many breaches were reminded of.
    /// </summary>
    public static async Task<int> RemindAsync(DpoDeskDbContext db, DateTime now, TimeSpan before, string dpoRole, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var threshold = now + before - Breach.NotificationWindow;
        var due = await db.Breaches.Where(b => b.NotifyAuthority == null && b.ReminderSentAt == null && b.AwareAt <= threshold)
            .ToListAsync(ct).ConfigureAwait(false);
        if (due.Count == 0)
            return 0;
        var dpos = await (from user in db.Users
                          join membership in db.UserRoles on user.Id equals membership.UserId
                          join role in db.Roles on membership.RoleId equals role.Id
                          where role.Name == dpoRole && user.Email != null
                          select user.Email!).Distinct().ToListAsync(ct).ConfigureAwait(false);
        foreach (var breach in due)
        {
            var (over, hours, minutes) = Clock(breach, now);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"Naruszenie {breach.Reference}: {breach.Title}\n\n");
            text.Append(over
                ? string.Create(CultureInfo.InvariantCulture, $"72 godziny na zgłoszenie do Prezesa UODO minęły {hours} h {minutes} min temu. Zapisz decyzję i powody opóźnienia.\n")
                : string.Create(CultureInfo.InvariantCulture, $"Do końca 72 godzin na zgłoszenie do Prezesa UODO zostało {hours} h {minutes} min. Decyzja o zgłoszeniu nie jest jeszcze zapisana.\n"));
            var severity = breach.Severity();
            text.Append(CultureInfo.InvariantCulture, $"\nOcena ENISA: {severity.Score} ({severity.Band}).\n");
            foreach (var dpo in dpos)
                Outbox.EnqueueEmail(db, dpo, $"Naruszenie {breach.Reference}: zostało mniej niż {(int)before.TotalHours} h na zgłoszenie", text.ToString(), now);
            breach.ReminderSentAt = now;
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return due.Count;
    }
}
