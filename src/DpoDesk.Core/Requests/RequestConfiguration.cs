using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Requests;

sealed class RequestConfiguration : IEntityTypeConfiguration<Request>
{
    public void Configure(EntityTypeBuilder<Request> builder)
    {
        builder.ToTable("requests");
        builder.Property(r => r.Number).HasMaxLength(20);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.Property(r => r.FullName).HasMaxLength(RequestForm.MaxNameLength);
        builder.Property(r => r.Email).HasMaxLength(254);
        builder.Property(r => r.Phone).HasMaxLength(16);
        builder.Property(r => r.EmailLookupKey).HasMaxLength(32);
        builder.Property(r => r.ConfirmationTokenHash).HasMaxLength(32);
        builder.HasIndex(r => r.ConfirmationTokenHash).IsUnique();
        builder.HasIndex(r => r.SubmissionKey).IsUnique();
        // The daily limit per address counts requests by this key at every submission.
        builder.HasIndex(r => new { r.EmailLookupKey, r.ReceivedAt });
        builder.HasIndex(r => new { r.State, r.ReceivedAt });
        // The desk searches by phone and sorts its deadline views by the legal deadline.
        builder.HasIndex(r => r.Phone);
        builder.HasIndex(r => new { r.State, r.DueOn });
        builder.Property(r => r.PostalAddress).HasMaxLength(500);
        builder.Property(r => r.ExtensionReason).HasMaxLength(2000);
        builder.Property(r => r.PauseReason).HasMaxLength(2000);
        builder.Property(r => r.ReviewReason).HasMaxLength(500);
        builder.Property(r => r.ReviewIncludedContactIds).HasMaxLength(10_000);
        builder.Ignore(r => r.EffectiveDueOn);
        builder.Ignore(r => r.IsOpen);
        builder.Property(r => r.ReplySubject).HasMaxLength(200);
        builder.Property(r => r.ReplyBody).HasMaxLength(100_000);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class RequestEventConfiguration : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> builder)
    {
        builder.ToTable("request_events");
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasIndex(e => new { e.RequestId, e.At });
    }
}

sealed class RequestNumberSequenceConfiguration : IEntityTypeConfiguration<RequestNumberSequence>
{
    public void Configure(EntityTypeBuilder<RequestNumberSequence> builder)
    {
        builder.ToTable("request_number_sequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}
