using DpoDesk.Chat;
using DpoDesk.Persistence;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Chat;

/// <summary>
/// The portal's chat. Without JavaScript it is a plain page: the transcript and a form that posts a message
/// and comes back; with it, the same page becomes live. Nobody is asked who they are.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(ChatRegistration.StartLimit)]
public sealed class VisitorModel(ChatDesk desk, DpoDeskDbContext db, ChatBroadcast broadcast, TimeProvider time, IOptions<ChatOptions> options) : PageModel
{
    public Conversation? Conversation { get; private set; }
    public IReadOnlyList<ChatMessage> Messages { get; private set; } = [];
    public bool OnDuty { get; private set; }
    public OfficeHours Hours { get; private set; } = OfficeHours.Default;

    /// <summary>The person waited without an answer during hours: offer the leave-a-message form too.</summary>
    public bool WaitedTooLong { get; private set; }

    public string? Notice { get; private set; }
    public string? Problem { get; private set; }
    public string? Draft { get; private set; }
    public string? LeaveEmail { get; private set; }
    public string? LeaveQuestion { get; private set; }
    public string? LeaveEmailError { get; private set; }
    public string? LeaveQuestionError { get; private set; }

    public bool CanWrite => Conversation is { State: ConversationState.Open } || (Conversation is null && OnDuty);

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        await LoadAsync(ct);
        Notice = done == "left" ? Text.T("Dziękujemy. Odpowiemy na podany adres e-mail.") : null;
    }

    public async Task<IActionResult> OnPostSendAsync(string? message, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Conversation is { State: ConversationState.Open } open)
        {
            var post = await desk.PostVisitorAsync(open.Id, message, ct);
            if (post.Accepted)
            {
                await broadcast.AnnounceAsync(db, open.Id, post.Message!.Id - 1, ct);
                return Redirect("/czat#rozmowa");
            }
            return Refused(ChatTexts.Refusal(post.Refusal), message);
        }
        if (Conversation is { State: ConversationState.Closed })
            return Refused(ChatTexts.Refusal(ChatRefusal.Closed), message);
        if (!OnDuty)
            return Refused(Text.T("Teraz nikt z biura IOD nie dyżuruje na czacie. Zostaw wiadomość — odpowiemy e-mailem."), message);

        var (started, token) = await desk.StartAsync(message, Text.IsEnglish ? "en" : "pl", ct);
        if (!started.Accepted)
            return Refused(ChatTexts.Refusal(started.Refusal), message);
        Response.Cookies.Append(ChatRegistration.Cookie, token!, new CookieOptions
        {
            Path = ChatRegistration.CookiePath,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            MaxAge = TimeSpan.FromDays(1),
            IsEssential = true,
        });
        await broadcast.AnnounceAsync(db, started.Message!.ConversationId, 0, ct);
        return Redirect("/czat#rozmowa");
    }

    /// <summary>Forgets this browser's chat and offers a new one.</summary>
    public IActionResult OnPostNew()
    {
        Response.Cookies.Delete(ChatRegistration.Cookie, new CookieOptions { Path = ChatRegistration.CookiePath });
        return Redirect("/czat");
    }

    public async Task<IActionResult> OnPostLeaveAsync(string? email, string? question, CancellationToken ct)
    {
        var left = await desk.LeaveMessageAsync(email, question, ct);
        if (left.InquiryId is not null)
            return Redirect("/czat?done=left");
        await LoadAsync(ct);
        LeaveEmail = email;
        LeaveQuestion = question;
        LeaveEmailError = left.EmailInvalid ? Text.T("Podaj adres e-mail, na który mamy odpowiedzieć, w postaci nazwa@domena.pl.") : null;
        LeaveQuestionError = left.QuestionInvalid ? Text.TF("Napisz pytanie (najwyżej {0} znaków).", ChatDesk.MaxQuestionLength) : null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    PageResult Refused(string problem, string? draft)
    {
        Problem = problem;
        Draft = draft is { Length: <= ChatDesk.MaxMessageLength * 2 } ? draft : null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        ChatRegistration.AllowChatScripts(Response);
        var now = time.GetUtcNow().UtcDateTime;
        Hours = await OfficeHours.GetAsync(db, ct);
        OnDuty = await ChatDesk.IsOnDutyAsync(db, now, ct);
        Conversation = await desk.FindByTokenAsync(Request.Cookies[ChatRegistration.Cookie], ct);
        if (Conversation is not null)
        {
            Messages = await desk.TranscriptAsync(Conversation.Id, ct);
            WaitedTooLong = Conversation.AwaitsStaff && Conversation.LastVisitorMessageAt < now - options.Value.UnansweredAfter;
        }
    }
}
