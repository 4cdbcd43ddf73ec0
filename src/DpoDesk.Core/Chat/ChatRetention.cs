using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Chat;

/// <summary>
/// Transcripts are kept as long as requests are. A chat linked to a request lives and dies with it: when
/// the request's personal data are purged, so is the transcript. A chat that never became a request is kept
/// like a request file (Polish civil code art. 118: <see cref="DefaultYears"/> years, to the end of the
/// calendar year) after it closed or last moved, then its messages are deleted. The conversation row stays,
/// empty, with the time of purging, so the figures still count it.
/// </summary>
public static class ChatRetention
{
    public const int DefaultYears = 3;

    public static async Task<int> PurgeAsync(DpoDeskDbContext db, DateTime now, int years, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Kept through the end of the calendar year in which the period ends (Warsaw time).
        var cutoff = Deadlines.PolishMidnight(new DateOnly(Deadlines.PolishDate(now).Year - years, 1, 1));
        var due = await db.ChatConversations
            .Where(c => c.PurgedAt == null
                && ((c.RequestId != null && db.Requests.Any(r => r.Id == c.RequestId && r.PurgedAt != null))
                    || (c.RequestId == null && (c.ClosedAt ?? c.LastMessageAt) < cutoff)))
            .OrderBy(c => c.Id).Take(500).ToListAsync(ct).ConfigureAwait(false);
        if (due.Count == 0)
            return 0;
        var ids = due.Select(c => c.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await db.ChatMessages.Where(m => ids.Contains(m.ConversationId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        foreach (var conversation in due)
        {
            conversation.PurgedAt = now;
            conversation.State = ConversationState.Closed;
            conversation.ClosedAt ??= now;
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>The transcript as lines for the evidence pack: time, who, what.</summary>
    public static async Task<IReadOnlyList<(long ConversationId, long RequestId, IReadOnlyList<string> Lines)>> TranscriptsForAsync(DpoDeskDbContext db, IReadOnlyCollection<long> requestIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var conversations = await db.ChatConversations.AsNoTracking().Include(c => c.Messages.OrderBy(m => m.Id))
            .Where(c => c.RequestId != null && requestIds.Contains(c.RequestId.Value)).OrderBy(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
        return conversations.Select(c => (c.Id, c.RequestId!.Value, (IReadOnlyList<string>)Lines(c))).ToList();
    }

    static List<string> Lines(Conversation c)
    {
        var lines = new List<string> { $"Czat nr {c.Id}, rozpoczęty {Stamp(c.StartedAt)}" + (c.ClosedAt is { } closed ? $", zamknięty {Stamp(closed)}" : "") };
        if (c.PurgedAt is { } purged)
            lines.Add($"  zapis usunięty {Stamp(purged)} (okres przechowywania)");
        lines.AddRange(c.Messages.Select(m => $"  {Stamp(m.At)} {m.Author switch
        {
            ChatAuthor.Visitor => "osoba",
            ChatAuthor.Staff => $"biuro ({m.StaffName})",
            _ => "system",
        }}: {m.Body.ReplaceLineEndings(" ")}"));
        return lines;
    }

    static string Stamp(DateTime utc) => Deadlines.ToPolishLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
