using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace DpoDesk.Web.Portal;

public static class PortalRegistration
{
    public const string CultureCookie = ".DpoDesk.Language";
    static readonly CultureInfo[] Cultures = [new("pl"), new("en")];

    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            // Pages live in feature folders (Portal/, Office/) and declare their own routes.
            options.RootDirectory = "/";
            options.Conventions.AuthorizeFolder("/Office", Office.OfficePolicies.Staff);
            options.Conventions.AllowAnonymousToPage("/Office/SignIn");
            options.Conventions.AllowAnonymousToPage("/Office/SignInCode");
            options.Conventions.AllowAnonymousToPage("/Office/Invitation");
        });
        // Polish letters as they are, not as &#x142; entities: the encoder still escapes what is dangerous.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("pl");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider { CookieName = CultureCookie },
            ];
        });
        builder.AddAbuseDefences();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".DpoDesk.Antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        // Behind a TLS-terminating proxy on this machine (the default trusted proxy is loopback), take the
        // client's address and scheme from it: rate limits count people, not the proxy, and HTTPS is known.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/blad",
            // The database away for a while is "try again" (503), not a fault of ours to apologise for.
            StatusCodeSelector = e => IsDatabaseUnavailable(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/blad/{0}");
        app.UseStaticFiles();
        app.Use(static (context, next) =>
        {
            // Pages show personal data (a confirmation, a status, the office): never cached, never framed,
            // no scripts at all, and the confirmation token in a URL never leaks in a Referer header.
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    static bool IsDatabaseUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
                return true;
        }
        return false;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        // The language switch: a plain link, so it works without JavaScript.
        endpoints.MapGet("/jezyk/{language}", (string language, string? wroc, HttpContext http) =>
        {
            var culture = language == "en" ? "en" : "pl";
            http.Response.Cookies.Append(CultureCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true });
            var target = wroc is { Length: > 0 } && wroc[0] == '/' && !wroc.StartsWith("//", StringComparison.Ordinal) && !wroc.StartsWith("/\\", StringComparison.Ordinal) ? wroc : "/";
            return Results.LocalRedirect(target);
        });
        return endpoints;
    }
}
