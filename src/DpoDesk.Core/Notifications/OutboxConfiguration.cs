using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Notifications;

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Recipient).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.DeliveryReference).HasMaxLength(500);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.InReplyTo).HasMaxLength(1000);
        builder.Property(m => m.References).HasMaxLength(8000);
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        builder.HasIndex(m => m.RequestId);
    }
}
