using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Licensing;

sealed class LicenseeConfiguration : IEntityTypeConfiguration<Licensee>
{
    public void Configure(EntityTypeBuilder<Licensee> builder)
    {
        builder.ToTable("licensees");
        builder.Property(l => l.Company).HasMaxLength(200);
        builder.Property(l => l.Nip).HasMaxLength(10);
        builder.Property(l => l.ContactName).HasMaxLength(200);
        builder.Property(l => l.ContactEmail).HasMaxLength(254);
        builder.Property(l => l.ApiKeyHash).HasMaxLength(64);
        builder.Property(l => l.ApiKeyPrefix).HasMaxLength(12);
        builder.HasIndex(l => l.ApiKeyHash).IsUnique();
        builder.HasIndex(l => l.Nip).IsUnique();
        builder.HasMany(l => l.Licences).WithOne(l => l.Licensee).HasForeignKey(l => l.LicenseeId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> builder)
    {
        builder.ToTable("licences");
        builder.Property(l => l.Number).HasMaxLength(20);
        builder.Property(l => l.Purpose).HasMaxLength(500);
        builder.Property(l => l.Sources).HasMaxLength(1000);
        builder.Property(l => l.DeletionAttestation).HasMaxLength(500);
        builder.HasIndex(l => l.Number).IsUnique();
        builder.HasMany(l => l.Exports).WithOne(e => e.Licence).HasForeignKey(e => e.LicenceId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class LicenceExportConfiguration : IEntityTypeConfiguration<LicenceExport>
{
    public void Configure(EntityTypeBuilder<LicenceExport> builder)
    {
        builder.ToTable("licence_exports");
        builder.Property(e => e.CreatedBy).HasMaxLength(254);
    }
}

sealed class DisclosureBlockConfiguration : IEntityTypeConfiguration<DisclosureBlock>
{
    public void Configure(EntityTypeBuilder<DisclosureBlock> builder)
    {
        builder.ToTable("disclosure_blocks");
        // Clustered by block: "who received record X" reads one block's rows, side by side.
        builder.HasKey(b => new { b.Block, b.ExportId });
        builder.HasOne<LicenceExport>().WithMany().HasForeignKey(b => b.ExportId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class LicenseeNoticeConfiguration : IEntityTypeConfiguration<LicenseeNotice>
{
    public void Configure(EntityTypeBuilder<LicenseeNotice> builder)
    {
        builder.ToTable("licensee_notices");
        builder.Property(n => n.RequestNumber).HasMaxLength(20);
        builder.Property(n => n.Identifiers).HasMaxLength(4000);
        builder.HasIndex(n => new { n.LicenseeId, n.Id });
        builder.HasOne(n => n.Licence).WithMany().HasForeignKey(n => n.LicenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Licensee>().WithMany().HasForeignKey(n => n.LicenseeId).OnDelete(DeleteBehavior.Restrict);
    }
}
