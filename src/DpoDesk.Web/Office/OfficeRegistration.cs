using System.Security.Claims;
using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Staff;
using DpoDesk.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace DpoDesk.Web.Office;

/// <summary>The <c>Office:*</c> settings: the first admin account.</summary>
public sealed class OfficeOptions
{
    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.EmailAddress]
    public string AdminEmail { get; set; } = "admin@dpodesk.local";

    /// <summary>When empty, a password is generated on first run and printed once.</summary>
    public string? AdminPassword { get; set; }
}

public static class OfficeRegistration
{
    public static IHostApplicationBuilder AddOffice(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<OfficeOptions>("Office");
        builder.Services
            .AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Password.RequiredUniqueChars = 6;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<DpoDeskDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        // An invitation link is good for three days.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        // Every request checks the account's security stamp: "sign out everywhere", a disabled account or
        // a changed password end every other session at once. Staff are few; the lookup is one key read.
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // A session that proved the second factor keeps saying so when its principal is rebuilt.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst("amr") is { } amr && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim("amr", amr.Value))
                    identity.AddClaim(new Claim("amr", amr.Value));
                return Task.CompletedTask;
            };
        });
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = ".DpoDesk.Staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/office/sign-in";
            // A refused page is a 403 with a page that says so, not a bounce to the sign-in form.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.ConfigureExternalCookie(o => o.Cookie.SameSite = SameSiteMode.Strict);
        builder.Services.AddAuthorization(OfficePolicies.Add);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<OfficeAudit>();
        return builder;
    }

    /// <summary>
    /// When an admin requires two-factor sign-in, staff signed in with a password alone can do nothing in
    /// the office but set it up (or sign out).
    /// </summary>
    public static WebApplication UseTwoFactorRequirement(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/office")
                && context.User.Identity?.IsAuthenticated == true
                && !path.StartsWithSegments("/office/account/two-factor")
                && !path.StartsWithSegments("/office/sign-out")
                && !context.User.HasClaim("amr", "mfa"))
            {
                var db = context.RequestServices.GetRequiredService<DpoDeskDbContext>();
                if (await OfficeSettings.GetFlagAsync(db, OfficeSettings.RequireTwoFactor, context.RequestAborted))
                {
                    context.Response.Redirect("/office/account/two-factor");
                    return;
                }
            }
            await next(context);
        });
        return app;
    }

    public static IEndpointRouteBuilder MapOffice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/office/sign-out", async (SignInManager<StaffUser> signIn, OfficeAudit audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            await audit.RecordAsync(AuditActions.SignedOut, OfficeAudit.StaffSubject(user.Identity?.Name ?? ""), null, ct);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/office/sign-in");
        }).RequireAuthorization();
        endpoints.MapRequestDocuments();
        Reports.ReportsRegistration.MapReports(endpoints);
        return endpoints;
    }
}
