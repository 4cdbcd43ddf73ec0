using DpoDesk.Notifications;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Hosting;

public static class NotificationRegistration
{
    /// <summary>
    /// E-mail over SMTP when <c>Smtp:Host</c> is set, SMS over the gateway when <c>Sms:BaseUrl</c> is set;
    /// otherwise both go to pickup folders under the data directory, shown on the office's outbox page.
    /// </summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<SmtpOptions>("Smtp", o =>
            o.IsConfigured && o.Host!.Any(char.IsWhiteSpace) ? ["Smtp:Host: must be a host name or address without spaces"] : []);
        services.AddSettings<MailOptions>("Mail");
        services.AddSettings<SmsOptions>("Sms", ValidateSms);
        services.AddSettings<OutboxOptions>("Outbox");

        services.AddScoped<SmtpEmailSender>();
        services.AddScoped<PickupFolderEmailSender>();
        services.AddScoped<IEmailSender>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured
            ? sp.GetRequiredService<SmtpEmailSender>()
            : sp.GetRequiredService<PickupFolderEmailSender>());

        services.AddHttpClient<SmsApiSender>()
            .ConfigureHttpClient((sp, http) => http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SmsOptions>>().Value.TimeoutSeconds));
        services.AddScoped<PickupFolderSmsSender>();
        services.AddScoped<ISmsSender>(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value.IsConfigured
            ? sp.GetRequiredService<SmsApiSender>()
            : sp.GetRequiredService<PickupFolderSmsSender>());

        services.AddScoped<OutboxDispatcher>();

        services.AddSettings<Inquiries.ImapOptions>("Imap", o =>
            o.IsConfigured && o.Host!.Any(char.IsWhiteSpace) ? ["Imap:Host: must be a host name or address without spaces"] : []);
        services.AddScoped<Inquiries.ReadMailbox>();
        services.AddScoped<Inquiries.InquiryDesk>();
        return builder;
    }

    static IEnumerable<string> ValidateSms(SmsOptions sms)
    {
        if (!sms.IsConfigured)
            yield break;
        if (!Uri.TryCreate(sms.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return "Sms:BaseUrl: must be an absolute http or https address, e.g. https://api.smsapi.pl";
        if (string.IsNullOrWhiteSpace(sms.Token))
            yield return "Sms:Token: is required when Sms:BaseUrl is set";
    }
}
