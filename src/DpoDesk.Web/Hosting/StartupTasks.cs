using System.Security.Cryptography;
using DpoDesk.Contacts;
using DpoDesk.Persistence;
using DpoDesk.Staff;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Hosting;

/// <summary>
/// Before the host takes requests: the schema is brought up to date, the first admin account is made,
/// and an empty contact base gets the demo data.
/// </summary>
sealed partial class StartupTasks(IServiceProvider services, IOptions<DemoDataOptions> demo, IOptions<OfficeOptions> office, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DpoDeskDbContext>();
        await Database.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        // Make the secret now, not on the first request.
        scope.ServiceProvider.GetRequiredService<Suppression.SuppressionKeys>();

        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>()).ConfigureAwait(false);
        await EnsureFirstAdminAsync(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>()).ConfigureAwait(false);

        await Records.RecordOfProcessing.SeedIfEmptyAsync(db, DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
        await SeedLearningAsync(scope.ServiceProvider, db, cancellationToken).ConfigureAwait(false);

        if (demo.Value.Enabled && demo.Value.Contacts > 0)
        {
            var written = await DemoContacts.SeedIfEmptyAsync(db, demo.Value.Contacts, cancellationToken).ConfigureAwait(false);
            if (written > 0)
                LogDemoSeeded(logger, written);
        }
    }

    /// <summary>The knowledge base's first articles, with the configured company and DPO, and the first staff course.</summary>
    static async Task SeedLearningAsync(IServiceProvider provider, DpoDeskDbContext db, CancellationToken ct)
    {
        var controller = provider.GetRequiredService<IOptions<Breaches.ControllerOptions>>().Value;
        var portal = provider.GetRequiredService<IOptions<Requests.PortalOptions>>().Value;
        var facts = new Knowledge.KnowledgeFacts(controller.Name, controller.Address, controller.DpoName, controller.DpoEmail, portal.PostalAddress);
        await Knowledge.KnowledgeSeed.SeedIfEmptyAsync(db, facts, DateTime.UtcNow, ct).ConfigureAwait(false);
        await Training.TrainingSeed.SeedIfEmptyAsync(db, DateTime.UtcNow, ct).ConfigureAwait(false);
    }

    static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
                await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false);
        }
    }

    async Task EnsureFirstAdminAsync(UserManager<StaffUser> users)
    {
        if (users.Users.Any())
            return;
        var settings = office.Value;
        var generated = string.IsNullOrEmpty(settings.AdminPassword);
        var password = generated ? GeneratePassword() : settings.AdminPassword!;
        var admin = new StaffUser { UserName = settings.AdminEmail, Email = settings.AdminEmail, EmailConfirmed = true, DisplayName = "Administrator" };
        var result = await users.CreateAsync(admin, password).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException("Office:AdminPassword: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        // The first account runs the office until others are invited: it administers and is the DPO.
        await users.AddToRolesAsync(admin, [StaffRoles.Admin, StaffRoles.Dpo]).ConfigureAwait(false);
        if (generated)
        {
            // Printed once, to the console of whoever started the first run; never logged.
            Console.WriteLine();
            Console.WriteLine($"  First staff account: {settings.AdminEmail}");
            Console.WriteLine($"  Password (shown only now): {password}");
            Console.WriteLine();
        }
    }

    static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var letters = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        // Identity's rules want a digit, both cases and a symbol: a fixed tail guarantees them.
        return new string(letters) + "-7aA";
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Seeded {Count} demo contacts into the empty contact base")]
    static partial void LogDemoSeeded(ILogger logger, int count);
}
