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

public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Dpo = "dpo";
    public const string Operator = "operator";

    public static readonly string[] All = [Admin, Dpo, Operator];
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
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<DpoDeskDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = ".DpoDesk.Staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/office/sign-in";
            options.AccessDeniedPath = "/office/sign-in";
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapOffice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/office/sign-out", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/office/sign-in");
        }).RequireAuthorization();
        return endpoints;
    }
}
