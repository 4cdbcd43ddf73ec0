using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using DpoDesk.Audit;
using DpoDesk.Inquiries;
using DpoDesk.Matching;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Chat;

/// <summary>Why a message was not taken.</summary>
public enum ChatRefusal
{
    None,
    Empty,
    TooLong,

    /// <summary>More messages in a minute than a person types: a flood.</summary>
    TooFast,
    Closed,

    /// <summary>Another operator answers this chat: it must be handed over first.</summary>
    NotYours,
    NotFound,
}

/// <summary>A message stored (and only then shown), or why it was not.</summary>
public sealed record ChatPost(ChatMessage? Message, ChatRefusal Refusal)
{
    public bool Accepted => Message is not null;

    public static ChatPost Refused(ChatRefusal refusal) => new(null, refusal);
}

/// <summary>What the person left when nobody was on duty: an inquiry answered by e-mail, or why it was not taken.</summary>
public sealed record LeftMessage(long? InquiryId, bool EmailInvalid, bool QuestionInvalid);

/// <summary>
/// The chat's use cases: the person writes, an operator picks the chat up, answers, hands it over or
/// closes it, links it to a request or makes one of it. Every message is stored first; the web host
/// broadcasts it only once it is in the database, so nothing that was accepted is ever lost.
/// </summary>
public sealed class ChatDesk(DpoDeskDbContext db, TimeProvider time, AuditTrail audit, SubmitRequest submit)
{
    public const int MaxMessageLength = 2000;
    public const int MaxQuestionLength = 5000;

    /// <summary>A person types a few lines a minute; more is a script.</summary>
    public const int VisitorMessagesPerMinute = 10;

    /// <summary>An operator counts as on duty this long after their chat page last said so.</summary>
    public static readonly TimeSpan PresenceWindow = TimeSpan.FromSeconds(90);

    /// <summary>System notes, stored in Polish and translated when shown.</summary>
    public const string PickedUpNote = "Konsultant biura IOD dołączył do rozmowy.";
    public const string HandedOverNote = "Rozmowę przejął inny konsultant biura IOD.";
    public const string ClosedNote = "Biuro IOD zakończyło rozmowę.";

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string Subject(long conversationId) => $"chat:{conversationId}";

    public async Task<Conversation?> FindByTokenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            return null;
        var hash = HashToken(token);
        return await db.ChatConversations.AsNoTracking().FirstOrDefaultAsync(c => c.TokenHash == hash && c.PurgedAt == null, ct).ConfigureAwait(false);
    }

    public Task<List<ChatMessage>> TranscriptAsync(long conversationId, CancellationToken ct) =>
        db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync(ct);

    static ChatRefusal Check(string? text) =>
        string.IsNullOrWhiteSpace(text) ? ChatRefusal.Empty
        : text.Length > MaxMessageLength ? ChatRefusal.TooLong
        : ChatRefusal.None;

    static string Clean(string text) => text.ReplaceLineEndings("\n").Trim();

    /// <summary>Starts a chat with the person's first message; the token goes into their cookie and nowhere else.</summary>
    public async Task<(ChatPost Post, string? Token)> StartAsync(string? text, string language, CancellationToken ct)
    {
        if (Check(text) is not ChatRefusal.None and var refusal)
            return (ChatPost.Refused(refusal), null);
        var now = time.GetUtcNow().UtcDateTime;
        var token = NewToken();
        var message = new ChatMessage { Author = ChatAuthor.Visitor, Body = Clean(text!), At = now };
        var conversation = new Conversation
        {
            TokenHash = HashToken(token),
            Language = language == "en" ? "en" : "pl",
            StartedAt = now,
            LastMessageAt = now,
            LastVisitorMessageAt = now,
            Messages = [message],
        };
        db.ChatConversations.Add(conversation);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (new ChatPost(message, ChatRefusal.None), token);
    }

    public async Task<ChatPost> PostVisitorAsync(long conversationId, string? text, CancellationToken ct)
    {
        if (Check(text) is not ChatRefusal.None and var refusal)
            return ChatPost.Refused(refusal);
        var conversation = await db.ChatConversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.PurgedAt == null, ct).ConfigureAwait(false);
        if (conversation is null)
            return ChatPost.Refused(ChatRefusal.NotFound);
        if (conversation.State == ConversationState.Closed)
            return ChatPost.Refused(ChatRefusal.Closed);
        var now = time.GetUtcNow().UtcDateTime;
        var minuteAgo = now.AddMinutes(-1);
        // Counted in the database, so the limit holds across instances.
        if (await db.ChatMessages.CountAsync(m => m.ConversationId == conversationId && m.Author == ChatAuthor.Visitor && m.At > minuteAgo, ct).ConfigureAwait(false) >= VisitorMessagesPerMinute)
            return ChatPost.Refused(ChatRefusal.TooFast);
        var message = new ChatMessage { ConversationId = conversationId, Author = ChatAuthor.Visitor, Body = Clean(text!), At = now };
        db.ChatMessages.Add(message);
        conversation.LastMessageAt = now;
        conversation.LastVisitorMessageAt = now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new ChatPost(message, ChatRefusal.None);
    }

    /// <summary>An operator's answer. A waiting chat is picked up by answering it; one another operator answers is theirs until handed over.</summary>
    public async Task<ChatPost> PostStaffAsync(long conversationId, string? text, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Check(text) is not ChatRefusal.None and var refusal)
            return ChatPost.Refused(refusal);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var conversation = await db.ChatConversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.PurgedAt == null, ct).ConfigureAwait(false);
        if (conversation is null)
            return ChatPost.Refused(ChatRefusal.NotFound);
        if (conversation.State == ConversationState.Closed)
            return ChatPost.Refused(ChatRefusal.Closed);
        if (conversation.AssignedTo is { } assigned && assigned != actor.Name)
            return ChatPost.Refused(ChatRefusal.NotYours);
        var now = time.GetUtcNow().UtcDateTime;
        if (conversation.AssignedTo is null)
        {
            conversation.AssignedTo = actor.Name;
            db.ChatMessages.Add(new ChatMessage { ConversationId = conversationId, Author = ChatAuthor.System, Body = PickedUpNote, At = now });
            await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatPickedUp, Subject(conversationId), null, actor.Address), now, ct).ConfigureAwait(false);
        }
        var message = new ChatMessage { ConversationId = conversationId, Author = ChatAuthor.Staff, StaffName = actor.Name, Body = Clean(text!), At = now };
        db.ChatMessages.Add(message);
        conversation.LastMessageAt = now;
        conversation.LastStaffMessageAt = now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatReplied, Subject(conversationId), null, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new ChatPost(message, ChatRefusal.None);
    }

    /// <summary>Takes a waiting chat. Two operators pressing at once: one gets it, the other is told.</summary>
    public async Task<bool> PickUpAsync(long conversationId, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var taken = await db.ChatConversations
            .Where(c => c.Id == conversationId && c.AssignedTo == null && c.State == ConversationState.Open && c.PurgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedTo, actor.Name), ct).ConfigureAwait(false);
        if (taken == 0)
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        db.ChatMessages.Add(new ChatMessage { ConversationId = conversationId, Author = ChatAuthor.System, Body = PickedUpNote, At = now });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatPickedUp, Subject(conversationId), null, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gives the chat to another operator (who the web host checked may answer chats).</summary>
    public async Task<bool> HandOverAsync(long conversationId, string toStaff, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var conversation = await db.ChatConversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.PurgedAt == null, ct).ConfigureAwait(false);
        if (conversation is null || conversation.State == ConversationState.Closed || conversation.AssignedTo == toStaff)
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        var from = conversation.AssignedTo ?? "—";
        conversation.AssignedTo = toStaff;
        db.ChatMessages.Add(new ChatMessage { ConversationId = conversationId, Author = ChatAuthor.System, Body = HandedOverNote, At = now });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatHandedOver, Subject(conversationId), $"{from} -> {toStaff}", actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> CloseAsync(long conversationId, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var conversation = await db.ChatConversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.PurgedAt == null, ct).ConfigureAwait(false);
        if (conversation is null || conversation.State == ConversationState.Closed)
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        conversation.State = ConversationState.Closed;
        conversation.ClosedAt = now;
        db.ChatMessages.Add(new ChatMessage { ConversationId = conversationId, Author = ChatAuthor.System, Body = ClosedNote, At = now });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatClosed, Subject(conversationId), null, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Links the chat to an existing request by its number; false when there is no such request.</summary>
    public async Task<bool> LinkAsync(long conversationId, string? number, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        number = number?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(number) || number.Length > 30)
            return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var conversation = await db.ChatConversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.PurgedAt == null, ct).ConfigureAwait(false);
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Number == number, ct).ConfigureAwait(false);
        if (conversation is null || request is null)
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        conversation.RequestId = request.Id;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatLinked, Subject(conversationId), request.Number, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Makes a request of the chat with the name and e-mail the person typed. What someone types in a chat
    /// proves nothing (decision 0008), so the request starts like a web one: the confirmation link goes to
    /// that address first.
    /// </summary>
    public async Task<SubmitResult?> ConvertAsync(long conversationId, string? fullName, string? email, RequestActions actions, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var conversation = await db.ChatConversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId && c.PurgedAt == null, ct).ConfigureAwait(false);
        if (conversation is null)
            return null;
        var result = await submit.ExecuteAsync(new RequestForm(fullName, email, null, actions, conversation.Language, Guid.NewGuid()), ct).ConfigureAwait(false);
        if (!result.Accepted)
            return result;
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var request = await db.Requests.SingleAsync(r => r.Number == result.Number, ct).ConfigureAwait(false);
        var tracked = await db.ChatConversations.SingleAsync(c => c.Id == conversationId, ct).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        request.Record(now, RequestEventKind.Received, $"made of chat {conversationId} by {actor.Name}");
        tracked.RequestId = request.Id;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatConverted, Subject(conversationId), result.Number, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Off duty, the person leaves a question and an address for the answer: an inquiry, answered by e-mail
    /// from the inquiries page like one that came by mail. It is their own question, so no consent is asked.
    /// </summary>
    public async Task<LeftMessage> LeaveMessageAsync(string? email, string? question, CancellationToken ct)
    {
        var address = string.IsNullOrWhiteSpace(email) || email.Length > 254 ? null : Identifiers.NormalizeEmail(email.Trim());
        var questionInvalid = string.IsNullOrWhiteSpace(question) || question.Length > MaxQuestionLength;
        if (address is null || questionInvalid)
            return new LeftMessage(null, address is null, questionInvalid);
        var now = time.GetUtcNow().UtcDateTime;
        const string subject = "Pytanie z czatu";
        var inquiry = new Inquiry
        {
            Subject = subject,
            FromAddress = email!.Trim(),
            State = InquiryState.Open,
            CreatedAt = now,
            LastMessageAt = now,
            Messages =
            [
                new InquiryMessage
                {
                    Direction = MessageDirection.Incoming,
                    MessageId = Outbox.NewMessageId(),
                    From = email.Trim(),
                    Subject = subject,
                    Body = Clean(question!),
                    At = now,
                },
            ],
        };
        db.Inquiries.Add(inquiry);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new LeftMessage(inquiry.Id, false, false);
    }

    /// <summary>Chats waiting for the office: the person wrote and no one has answered since, and the chat is not closed.</summary>
    public static Task<int> CountUnansweredAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Unanswered(db.ChatConversations).CountAsync(ct);
    }

    public static IQueryable<Conversation> Unanswered(IQueryable<Conversation> conversations) =>
        conversations.Where(c => c.State == ConversationState.Open && c.PurgedAt == null && c.LastVisitorMessageAt != null
            && (c.LastStaffMessageAt == null || c.LastStaffMessageAt < c.LastVisitorMessageAt));

    /// <summary>On duty: within office hours and at least one operator has the chat page open, on any instance.</summary>
    public static async Task<bool> IsOnDutyAsync(DpoDeskDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!(await OfficeHours.GetAsync(db, ct).ConfigureAwait(false)).IsOpenAt(now))
            return false;
        var since = now - PresenceWindow;
        return await db.ChatPresence.AnyAsync(p => p.LastSeenAt > since, ct).ConfigureAwait(false);
    }

    /// <summary>The operator's chat page says it is open.</summary>
    public static async Task MarkPresentAsync(DpoDeskDbContext db, string staffName, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var updated = await db.ChatPresence.Where(p => p.StaffName == staffName).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenAt, now), ct).ConfigureAwait(false);
        if (updated > 0)
            return;
        try
        {
            db.ChatPresence.Add(new ChatPresence { StaffName = staffName, LastSeenAt = now });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another tab of the same operator inserted it first: it is there, which is all that matters.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>How long a dropped connection still counts as on duty: a reconnect (a network blip, a busy machine) does not flip the chat off.</summary>
    public static readonly TimeSpan ReconnectGrace = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The operator's connection ended: they stay on duty only for <see cref="ReconnectGrace"/>, unless a
    /// reconnect or another open tab says they are still here.
    /// </summary>
    public static Task<int> MarkLeavingAsync(DpoDeskDbContext db, string staffName, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = now - PresenceWindow + ReconnectGrace;
        return db.ChatPresence.Where(p => p.StaffName == staffName && p.LastSeenAt > until).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenAt, until), ct);
    }
}
