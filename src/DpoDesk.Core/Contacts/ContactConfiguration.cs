using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Contacts;

sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.Property(c => c.FullName).HasMaxLength(200);
        builder.Ignore(c => c.NameKey);
        // The stored value, null where it is the normalised e-mail (see Contact.Email).
        builder.Property(c => c.Email).HasMaxLength(254).HasField("_email").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(c => c.EmailNormalized).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(32);
        builder.Property(c => c.PhoneNormalized).HasMaxLength(16);
        builder.Property(c => c.CompanyName).HasMaxLength(200);
        builder.Property(c => c.CompanyNip).HasMaxLength(10);
        builder.Property(c => c.Position).HasMaxLength(200);
        builder.HasIndex(c => c.EmailNormalized);
        builder.HasIndex(c => c.PhoneNormalized);
        builder.HasOne(c => c.Source).WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.OtherSources).WithOne().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ContactSourceConfiguration : IEntityTypeConfiguration<ContactSource>
{
    public void Configure(EntityTypeBuilder<ContactSource> builder)
    {
        builder.ToTable("contact_sources");
        builder.HasKey(s => new { s.ContactId, s.SourceId });
        builder.HasOne(s => s.Source).WithMany().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.ToTable("sources");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.LegalBasis).HasMaxLength(300);
        builder.HasIndex(s => s.Name).IsUnique();
    }
}
