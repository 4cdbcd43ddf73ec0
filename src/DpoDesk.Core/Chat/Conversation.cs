using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Chat;

public enum ConversationState
{
    /// <summary>Open: waiting for an operator when nobody is assigned, otherwise being answered.</summary>
    Open = 1,

    Closed = 2,
}

/// <summary>
/// One chat of a person with the DPO's office. The person is known only by a random token kept in their
/// browser's cookie (the table holds its SHA-256); they are never asked who they are.
/// </summary>
public sealed class Conversation
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the visitor's cookie token: a stolen database does not let anyone join a chat.</summary>
    public required byte[] TokenHash { get; set; }

    public ConversationState State { get; set; } = ConversationState.Open;

    /// <summary>The sign-in name of the operator who answers it; null while it waits to be picked up.</summary>
    public string? AssignedTo { get; set; }

    public string Language { get; set; } = "pl";
    public DateTime StartedAt { get; set; }
    public DateTime LastMessageAt { get; set; }

    /// <summary>The last message from the person; with <see cref="LastStaffMessageAt"/>, tells who waits for whom.</summary>
    public DateTime? LastVisitorMessageAt { get; set; }
    public DateTime? LastStaffMessageAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>The request this chat belongs to: its transcript lives and dies with it.</summary>
    public long? RequestId { get; set; }

    /// <summary>When the transcript was deleted under the retention rule; the row stays as a count.</summary>
    public DateTime? PurgedAt { get; set; }

    public List<ChatMessage> Messages { get; set; } = [];

    /// <summary>The person wrote and nobody from the office has answered since.</summary>
    public bool AwaitsStaff => State == ConversationState.Open && LastVisitorMessageAt is { } v && (LastStaffMessageAt is not { } s || s < v);
}

public enum ChatAuthor
{
    Visitor = 1,
    Staff = 2,

    /// <summary>A note of the office's doing: picked up, handed over, closed.</summary>
    System = 3,
}

/// <summary>One line of a chat. Stored before anyone is shown it.</summary>
public sealed class ChatMessage
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public ChatAuthor Author { get; set; }

    /// <summary>The operator's sign-in name for staff messages; never shown to the person.</summary>
    public string? StaffName { get; set; }

    public required string Body { get; set; }
    public DateTime At { get; set; }
}

/// <summary>An operator who has the office's chat page open, as last seen by any instance.</summary>
public sealed class ChatPresence
{
    public required string StaffName { get; set; }
    public DateTime LastSeenAt { get; set; }
}

sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("chat_conversations");
        builder.Property(c => c.TokenHash).HasMaxLength(32);
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.Property(c => c.AssignedTo).HasMaxLength(256);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.HasIndex(c => new { c.State, c.LastMessageAt });
        builder.HasIndex(c => c.RequestId);
        builder.Ignore(c => c.AwaitsStaff);
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.Property(m => m.StaffName).HasMaxLength(256);
        builder.Property(m => m.Body).HasMaxLength(ChatDesk.MaxMessageLength);
        builder.HasIndex(m => new { m.ConversationId, m.Id });
    }
}

sealed class ChatPresenceConfiguration : IEntityTypeConfiguration<ChatPresence>
{
    public void Configure(EntityTypeBuilder<ChatPresence> builder)
    {
        builder.ToTable("chat_presence");
        builder.HasKey(p => p.StaffName);
        builder.Property(p => p.StaffName).HasMaxLength(256);
    }
}
