using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Suppression;

sealed class SuppressionEntryConfiguration : IEntityTypeConfiguration<SuppressionEntry>
{
    public void Configure(EntityTypeBuilder<SuppressionEntry> builder)
    {
        builder.ToTable("suppression_entries");
        builder.Property(e => e.Key).HasMaxLength(SuppressionKeys.KeyLength);
        builder.Property(e => e.RequestNumber).HasMaxLength(20);
        builder.Property(e => e.ListName).HasMaxLength(100);
        builder.HasIndex(e => new { e.Key, e.Kind }).IsUnique();
    }
}
