using System.Threading.RateLimiting;
using DpoDesk.Chat;
using DpoDesk.Web.Hosting;
using DpoDesk.Web.Office;
using DpoDesk.Web.Portal;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Chat;

/// <summary>The <c>Chat:*</c> settings.</summary>
public sealed class ChatOptions
{
    /// <summary>Years an unlinked transcript is kept, to the end of the calendar year (as a request file).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 20)]
    public int RetentionYears { get; set; } = ChatRetention.DefaultYears;

    /// <summary>After this long without an answer during office hours, the person is offered to leave a message.</summary>
    public TimeSpan UnansweredAfter { get; set; } = TimeSpan.FromMinutes(5);
}

public static class ChatRegistration
{
    /// <summary>The visitor's conversation: a random token, HttpOnly, only ever sent to the chat's own paths.</summary>
    public const string Cookie = ".DpoDesk.Chat";
    public const string CookiePath = "/czat";
    public const string VisitorHubPath = "/czat/hub";
    public const string StaffHubPath = "/office/chat/hub";

    /// <summary>The rate limit on starting chats and leaving messages.</summary>
    public const string StartLimit = "chat-start";

    /// <summary>The chat pages run the SignalR client and talk back to their own origin; every other page has no script at all.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<ChatOptions>("Chat");
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 16 * 1024);
        builder.Services.AddScoped<ChatDesk>();
        builder.Services.AddSingleton<ChatBroadcast>();
        builder.Services.AddHostedService<ChatRelay>();
        builder.Services.AddHostedService<ChatHousekeeping>();
        // Starting a chat and leaving a message store something for anyone who asks: as many an hour per
        // address as the request form. Messages within a chat have their own limit per conversation.
        builder.Services.Configure<RateLimiterOptions>(options => options.AddPolicy(StartLimit, http =>
        {
            var handler = http.Request.Query["handler"].ToString();
            var starts = HttpMethods.IsPost(http.Request.Method)
                && (handler == "Leave" || (handler == "Send" && !http.Request.Cookies.ContainsKey(Cookie)));
            if (!starts)
                return RateLimitPartition.GetNoLimiter(string.Empty);
            var perHour = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.FormPerHour;
            return RateLimitPartition.GetFixedWindowLimiter("chat|" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perHour,
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
            });
        }));
        return builder;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<VisitorHub>(VisitorHubPath);
        endpoints.MapHub<StaffChatHub>(StaffHubPath).RequireAuthorization(OfficePolicies.AnswerChat);
        return endpoints;
    }

    /// <summary>Lets a chat page load its scripts and open its connection.</summary>
    public static void AllowChatScripts(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }
}
