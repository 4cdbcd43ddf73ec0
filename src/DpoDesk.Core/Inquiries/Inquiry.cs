using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Inquiries;

public enum InquiryState
{
    /// <summary>A message from the person waits for an answer.</summary>
    Open = 1,

    /// <summary>The office answered last.</summary>
    Answered = 2,

    Closed = 3,

    /// <summary>It turned out to be a request: one was made of it.</summary>
    ConvertedToRequest = 4,
}

/// <summary>A question to the DPO that is not (yet) a request: one e-mail conversation.</summary>
public sealed class Inquiry
{
    public long Id { get; set; }
    public required string Subject { get; set; }
    public required string FromAddress { get; set; }
    public string? FromName { get; set; }
    public InquiryState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }

    /// <summary>The request made of this inquiry, if any.</summary>
    public long? RequestId { get; set; }

    public List<InquiryMessage> Messages { get; set; } = [];
}

public enum MessageDirection
{
    Incoming = 1,
    Outgoing = 2,
}

/// <summary>One e-mail of a conversation, in or out.</summary>
public sealed class InquiryMessage
{
    public long Id { get; set; }
    public long InquiryId { get; set; }
    public MessageDirection Direction { get; set; }

    /// <summary>The RFC 5322 Message-ID: how replies find their conversation, and how a message read twice is stored once.</summary>
    public required string MessageId { get; set; }
    public string? InReplyTo { get; set; }
    public required string From { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime At { get; set; }

    /// <summary>Who in the office wrote an outgoing message.</summary>
    public string? Author { get; set; }

    public List<InquiryAttachment> Attachments { get; set; } = [];
}

/// <summary>A file that came with a message. Served only as a download, never shown in the office's pages.</summary>
public sealed class InquiryAttachment
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public long Size { get; set; }
}

sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.ToTable("inquiries");
        builder.Property(i => i.Subject).HasMaxLength(300);
        builder.Property(i => i.FromAddress).HasMaxLength(254);
        builder.Property(i => i.FromName).HasMaxLength(200);
        builder.HasIndex(i => new { i.State, i.LastMessageAt });
        builder.HasMany(i => i.Messages).WithOne().HasForeignKey(m => m.InquiryId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class InquiryMessageConfiguration : IEntityTypeConfiguration<InquiryMessage>
{
    public void Configure(EntityTypeBuilder<InquiryMessage> builder)
    {
        builder.ToTable("inquiry_messages");
        builder.Property(m => m.MessageId).HasMaxLength(1000);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.InReplyTo).HasMaxLength(1000);
        builder.Property(m => m.From).HasMaxLength(300);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(200_000);
        builder.Property(m => m.Author).HasMaxLength(256);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class InquiryAttachmentConfiguration : IEntityTypeConfiguration<InquiryAttachment>
{
    public void Configure(EntityTypeBuilder<InquiryAttachment> builder)
    {
        builder.ToTable("inquiry_attachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
    }
}
