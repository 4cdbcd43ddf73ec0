using System.Collections.Concurrent;
using System.Globalization;
using DpoDesk.Chat;
using DpoDesk.Persistence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DpoDesk.Web.Chat;

/// <summary>One chat message as a client gets it. The person's side never learns which operator wrote.</summary>
public sealed record ChatLine(long Id, long ConversationId, string Author, string? StaffName, string Body, DateTime At)
{
    public static ChatLine ForStaff(ChatMessage m) =>
        new(m.Id, m.ConversationId, Name(m.Author), m.StaffName, m.Body, m.At);

    public static ChatLine ForVisitor(ChatMessage m) =>
        new(m.Id, m.ConversationId, Name(m.Author), null, m.Body, m.At);

    static string Name(ChatAuthor author) => author switch
    {
        ChatAuthor.Visitor => "visitor",
        ChatAuthor.Staff => "staff",
        _ => "system",
    };
}

/// <summary>
/// Tells the clients of every instance that a chat has new messages. Messages are in the database before
/// this is called; the clients get them as read back from it. On PostgreSQL the news goes through
/// <c>NOTIFY</c>, and every instance's <see cref="ChatRelay"/> (this one's too) passes it to its own
/// clients; on SQLite, with one instance, straight to this instance's clients.
/// </summary>
public sealed partial class ChatBroadcast(IHubContext<VisitorHub> visitors, IHubContext<StaffChatHub> staff, IServiceScopeFactory scopes, ILogger<ChatBroadcast> logger)
{
    public const string NotifyChannel = "dpodesk_chat";
    public const string QueueGroup = "queue";

    /// <summary>Set by the relay while it listens; while it does not, this instance also delivers to its own clients directly.</summary>
    internal volatile bool RelayListening;

    public static string VisitorGroup(long conversationId) => "v" + conversationId.ToString(CultureInfo.InvariantCulture);

    public static string StaffGroup(long conversationId) => "s" + conversationId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The newest message of a chat before an action: what the action adds comes after it.</summary>
    public static async Task<long> LastIdAsync(DpoDeskDbContext db, long conversationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ChatMessages.Where(m => m.ConversationId == conversationId).Select(m => (long?)m.Id).MaxAsync(ct).ConfigureAwait(false) ?? 0;
    }

    /// <summary>Announces the messages of a chat after <paramref name="afterId"/>. Never throws: the messages are stored, and clients catch up on reconnect.</summary>
    public async Task AnnounceAsync(DpoDeskDbContext db, long conversationId, long afterId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            if (db.Database.IsNpgsql())
            {
                // Every listening instance gets it, this one too while its relay listens.
                var payload = string.Create(CultureInfo.InvariantCulture, $"{conversationId}:{afterId}");
                await db.Database.ExecuteSqlAsync($"SELECT pg_notify({NotifyChannel}, {payload})", ct).ConfigureAwait(false);
                if (RelayListening)
                    return;
            }
            await DeliverAsync(conversationId, afterId, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAnnounceFailed(logger, conversationId, e);
        }
    }

    /// <summary>Sends this instance's clients the messages of a chat after <paramref name="afterId"/>, read from the database.</summary>
    public async Task DeliverAsync(long conversationId, long afterId, CancellationToken ct)
    {
        List<ChatMessage> messages;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DpoDeskDbContext>();
            messages = await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Id > afterId)
                .OrderBy(m => m.Id).Take(50).ToListAsync(ct).ConfigureAwait(false);
        }
        foreach (var message in messages)
        {
            await visitors.Clients.Group(VisitorGroup(conversationId)).SendAsync("message", ChatLine.ForVisitor(message), ct).ConfigureAwait(false);
            await staff.Clients.Group(StaffGroup(conversationId)).SendAsync("message", ChatLine.ForStaff(message), ct).ConfigureAwait(false);
        }
        await staff.Clients.Group(QueueGroup).SendAsync("queue", conversationId, ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Chat {ConversationId}: new messages are stored but could not be announced; clients see them on reconnect or reload")]
    static partial void LogAnnounceFailed(ILogger logger, long conversationId, Exception exception);
}

/// <summary>
/// On PostgreSQL, listens for the chat's <c>NOTIFY</c> and passes each to this instance's clients, so a
/// message posted on one instance reaches the people and operators connected to any other.
/// </summary>
sealed partial class ChatRelay(IServiceScopeFactory scopes, ChatBroadcast broadcast, ILogger<ChatRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? connectionString;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DpoDeskDbContext>();
            if (!db.Database.IsNpgsql())
                return;
            connectionString = db.Database.GetConnectionString();
        }
        // Keepalives, so that a connection dropped without a word is noticed and opened again.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                var pending = new ConcurrentQueue<string>();
                connection.Notification += (_, e) => pending.Enqueue(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChatBroadcast.NotifyChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                broadcast.RelayListening = true;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                    while (pending.TryDequeue(out var payload))
                    {
                        var parts = payload.Split(':');
                        if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var conversationId) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var afterId))
                            await broadcast.DeliverAsync(conversationId, afterId, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                broadcast.RelayListening = false;
                LogRelayFailed(logger, e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "The chat relay lost its database connection; chats reach this instance's clients only until it is back")]
    static partial void LogRelayFailed(ILogger logger, Exception exception);
}

/// <summary>Once an hour: transcripts past their retention are deleted, and presence rows of long-gone operators too.</summary>
sealed partial class ChatHousekeeping(IServiceScopeFactory scopes, TimeProvider time, IOptions<ChatOptions> options, ILogger<ChatHousekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not in the first minute: the database is being migrated, and a starting instance has better things to do.
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DpoDeskDbContext>();
                var now = time.GetUtcNow().UtcDateTime;
                var purged = await ChatRetention.PurgeAsync(db, now, options.Value.RetentionYears, stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                    LogPurged(logger, purged);
                var stale = now.AddDays(-1);
                await db.ChatPresence.Where(p => p.LastSeenAt < stale).ExecuteDeleteAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try
            {
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "{Count} chat transcript(s) deleted at the end of their retention")]
    static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Chat housekeeping failed; retried in an hour")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
