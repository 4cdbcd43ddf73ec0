using System.Globalization;
using DpoDesk.Audit;
using DpoDesk.Chat;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Office;
using DpoDesk.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace DpoDesk.Web.Chat;

/// <summary>The chat's messages to people and staff, in their language.</summary>
public static class ChatTexts
{
    public static string Refusal(ChatRefusal refusal) => refusal switch
    {
        ChatRefusal.Empty => Text.T("Napisz wiadomość."),
        ChatRefusal.TooLong => Text.TF("Wiadomość może mieć najwyżej {0} znaków.", ChatDesk.MaxMessageLength),
        ChatRefusal.TooFast => Text.T("Wysyłasz wiadomości zbyt szybko. Poczekaj chwilę i spróbuj ponownie."),
        ChatRefusal.Closed => Text.T("Ta rozmowa jest zakończona."),
        ChatRefusal.NotYours => Text.T("Tę rozmowę prowadzi inny konsultant. Aby odpowiedzieć, przekaż ją sobie."),
        _ => Text.T("Nie ma takiej rozmowy."),
    };

    public static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Text.T("poniedziałek"),
        DayOfWeek.Tuesday => Text.T("wtorek"),
        DayOfWeek.Wednesday => Text.T("środa"),
        DayOfWeek.Thursday => Text.T("czwartek"),
        DayOfWeek.Friday => Text.T("piątek"),
        DayOfWeek.Saturday => Text.T("sobota"),
        _ => Text.T("niedziela"),
    };

    /// <summary>"poniedziałek 8:00–16:00, …" or that there are none.</summary>
    public static string HoursText(OfficeHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var days = OfficeHours.Week.Where(hours.Days.ContainsKey).Select(d => $"{DayName(d)} {hours.Days[d].Opens.ToString("H:mm", CultureInfo.InvariantCulture)}–{hours.Days[d].Closes.ToString("H:mm", CultureInfo.InvariantCulture)}").ToList();
        return days.Count == 0 ? Text.T("brak ustalonych godzin") : string.Join(", ", days);
    }

    /// <summary>The system notes, stored in Polish, as the reader should see them.</summary>
    public static string Note(string polish) => polish switch
    {
        ChatDesk.PickedUpNote => Text.T("Konsultant biura IOD dołączył do rozmowy."),
        ChatDesk.HandedOverNote => Text.T("Rozmowę przejął inny konsultant biura IOD."),
        ChatDesk.ClosedNote => Text.T("Biuro IOD zakończyło rozmowę."),
        _ => polish,
    };

    /// <summary>Runs <paramref name="text"/> in a language: a hub call has no request culture of its own.</summary>
    public static string In(string language, Func<string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language == "en" ? "en" : "pl");
        try
        {
            return text();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The language a connection's person chose with the language switch.</summary>
    public static string LanguageOf(HttpContext? http)
    {
        var cookie = http?.Request.Cookies[PortalRegistration.CultureCookie];
        return cookie is not null && CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value == "en" ? "en" : "pl";
    }
}

/// <summary>The person's side of a chat. Their conversation is the one whose token is in their cookie; nothing else identifies them.</summary>
public sealed class VisitorHub(ChatDesk desk, DpoDeskDbContext db, ChatBroadcast broadcast) : Hub
{
    Task<Conversation?> FindAsync() =>
        desk.FindByTokenAsync(Context.GetHttpContext()?.Request.Cookies[ChatRegistration.Cookie], Context.ConnectionAborted);

    public override async Task OnConnectedAsync()
    {
        if (await FindAsync() is { } conversation)
            await Groups.AddToGroupAsync(Context.ConnectionId, ChatBroadcast.VisitorGroup(conversation.Id), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>Stores the message and announces it; returns why it was refused, or null.</summary>
    public async Task<string?> Send(string? text)
    {
        var conversation = await FindAsync();
        if (conversation is null)
            return ChatTexts.In(ChatTexts.LanguageOf(Context.GetHttpContext()), () => ChatTexts.Refusal(ChatRefusal.NotFound));
        var post = await desk.PostVisitorAsync(conversation.Id, text, Context.ConnectionAborted);
        if (!post.Accepted)
            return ChatTexts.In(conversation.Language, () => ChatTexts.Refusal(post.Refusal));
        await broadcast.AnnounceAsync(db, conversation.Id, post.Message!.Id - 1, Context.ConnectionAborted);
        return null;
    }

    /// <summary>The messages after the last one the page shows: to catch up after a reconnect.</summary>
    public async Task<IReadOnlyList<ChatLine>> Since(long afterId)
    {
        if (await FindAsync() is not { } conversation)
            return [];
        var messages = await desk.TranscriptAsync(conversation.Id, Context.ConnectionAborted);
        return messages.Where(m => m.Id > afterId).Select(ChatLine.ForVisitor).ToList();
    }
}

/// <summary>The office's side: the queue's news, and the chats an operator has open. Its connection is the operator's presence.</summary>
[Authorize(Policy = OfficePolicies.AnswerChat)]
public sealed class StaffChatHub(ChatDesk desk, DpoDeskDbContext db, ChatBroadcast broadcast, AuditTrail audit, TimeProvider time) : Hub
{
    string StaffName => Context.User?.Identity?.Name ?? "anonymous";

    StaffActor Actor() => new(StaffName, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString());

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatBroadcast.QueueGroup, Context.ConnectionAborted);
        await ChatDesk.MarkPresentAsync(db, StaffName, time.GetUtcNow().UtcDateTime, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        // A reconnect, or another open tab at its next heartbeat, says the operator is still here.
        await ChatDesk.MarkLeavingAsync(db, StaffName, time.GetUtcNow().UtcDateTime, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The page is still open: the operator stays on duty.</summary>
    public Task Heartbeat() => ChatDesk.MarkPresentAsync(db, StaffName, time.GetUtcNow().UtcDateTime, Context.ConnectionAborted);

    /// <summary>Follows one chat's messages live: a view of the transcript, audited like the page's.</summary>
    public async Task Watch(long conversationId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatBroadcast.StaffGroup(conversationId), Context.ConnectionAborted);
        if (Context.Items.TryAdd(WatchKey(conversationId), true))
        {
            var actor = Actor();
            await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.ChatViewed, ChatDesk.Subject(conversationId), "live", actor.Address), time.GetUtcNow().UtcDateTime, Context.ConnectionAborted);
        }
    }

    static string WatchKey(long conversationId) => "watch:" + conversationId.ToString(CultureInfo.InvariantCulture);

    public async Task<string?> Send(long conversationId, string? text)
    {
        var post = await desk.PostStaffAsync(conversationId, text, Actor(), Context.ConnectionAborted);
        if (!post.Accepted)
            return ChatTexts.In(ChatTexts.LanguageOf(Context.GetHttpContext()), () => ChatTexts.Refusal(post.Refusal));
        // A chat picked up by answering it has the note before the answer: announce both.
        await broadcast.AnnounceAsync(db, conversationId, post.Message!.Id - 2, Context.ConnectionAborted);
        return null;
    }

    /// <summary>The messages after the last one the page shows, of a chat this connection watches.</summary>
    public async Task<IReadOnlyList<ChatLine>> Since(long conversationId, long afterId)
    {
        if (!Context.Items.ContainsKey(WatchKey(conversationId)))
            return [];
        var messages = await desk.TranscriptAsync(conversationId, Context.ConnectionAborted);
        return messages.Where(m => m.Id > afterId).Select(ChatLine.ForStaff).ToList();
    }
}
