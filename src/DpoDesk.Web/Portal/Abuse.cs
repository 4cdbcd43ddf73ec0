using System.Globalization;
using System.Threading.RateLimiting;
using DpoDesk.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Portal;

/// <summary>The <c>RateLimits:*</c> settings: posts per client address per hour.</summary>
public sealed class RateLimitOptions
{
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int FormPerHour { get; set; } = 20;

    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int StatusPerHour { get; set; } = 60;

    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int SignInPerHour { get; set; } = 30;

    /// <summary>A form sent sooner than this after it was shown was not filled in by a person.</summary>
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// Defences against bots and floods without a third-party CAPTCHA: per-address rate limits on every
/// form post, a honeypot field people never see, and a signed time stamp that tells how fast the form
/// was filled in.
/// </summary>
public static class Abuse
{
    public const string HoneypotField = "Website";
    public const string StartedField = "Started";

    public static IHostApplicationBuilder AddAbuseDefences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<RateLimitOptions>("RateLimits");
        builder.Services.AddSingleton<FormClock>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "3600";
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var perHour = !HttpMethods.IsPost(http.Request.Method) ? 0 : http.Request.Path.Value switch
                {
                    "/" => limits.FormPerHour,
                    "/status" => limits.StatusPerHour,
                    "/office/sign-in" => limits.SignInPerHour,
                    _ => 0,
                };
                if (perHour == 0)
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{http.Request.Path}|{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perHour,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }
}

/// <summary>Stamps a form when it is shown and tells, when it comes back, whether a person could have filled it in.</summary>
public sealed class FormClock(IDataProtectionProvider protection, TimeProvider time, IOptions<RateLimitOptions> options)
{
    readonly IDataProtector _protector = protection.CreateProtector("DpoDesk.Portal.FormClock");

    public string Stamp() => _protector.Protect(time.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));

    /// <summary>False when the stamp is missing, forged, or younger than the minimum fill time.</summary>
    public bool FilledByAPerson(string? stamp)
    {
        if (string.IsNullOrEmpty(stamp))
            return false;
        try
        {
            var shownAt = new DateTime(long.Parse(_protector.Unprotect(stamp), CultureInfo.InvariantCulture), DateTimeKind.Utc);
            return time.GetUtcNow().UtcDateTime - shownAt >= options.Value.MinimumFillTime;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return false;
        }
    }
}
