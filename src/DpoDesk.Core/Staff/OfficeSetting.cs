using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Staff;

/// <summary>An office-wide setting changed by an admin at run time (not a deployment setting).</summary>
public sealed class OfficeSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>The office-wide settings, read from the database so that every instance sees the same.</summary>
public static class OfficeSettings
{
    public const string RequireTwoFactor = "security.require-two-factor";

    public static async Task<bool> GetFlagAsync(DpoDeskDbContext db, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var value = await db.OfficeSettings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return value == "true";
    }

    /// <summary>Sets a flag in the caller's unit of work.</summary>
    public static async Task SetFlagAsync(DpoDeskDbContext db, string key, bool value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var setting = await db.OfficeSettings.FirstOrDefaultAsync(s => s.Key == key, ct).ConfigureAwait(false);
        if (setting is null)
            db.OfficeSettings.Add(new OfficeSetting { Key = key, Value = value ? "true" : "false" });
        else
            setting.Value = value ? "true" : "false";
    }
}

sealed class OfficeSettingConfiguration : IEntityTypeConfiguration<OfficeSetting>
{
    public void Configure(EntityTypeBuilder<OfficeSetting> builder)
    {
        builder.ToTable("office_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(4000);
    }
}
