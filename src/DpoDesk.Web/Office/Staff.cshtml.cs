using DpoDesk.Audit;
using DpoDesk.Matching;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Staff;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Office;

/// <summary>Staff accounts: invitations by e-mail link, roles, disabling, and the two-factor requirement.</summary>
[Authorize(Policy = OfficePolicies.ManageStaff)]
public sealed class StaffModel(UserManager<StaffUser> users, DpoDeskDbContext db, OfficeAudit audit, IOptions<PortalOptions> portal, TimeProvider time) : PageModel
{
    public sealed record Member(string Id, string Email, string? Name, IList<string> Roles, bool TwoFactor, bool Invited, bool Disabled);

    public IReadOnlyList<Member> Staff { get; private set; } = [];
    public bool RequireTwoFactor { get; private set; }
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty] public string? InviteEmail { get; set; }
    [BindProperty] public string? InviteName { get; set; }
    [BindProperty] public List<string> InviteRoles { get; set; } = [];

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Message = done switch
        {
            "invited" => Text.T("Zaproszenie wysłane."),
            "roles" => Text.T("Role zapisane."),
            "security" => Text.T("Ustawienia bezpieczeństwa zapisane."),
            "disabled" => Text.T("Konto wyłączone; jego sesje zakończone."),
            "enabled" => Text.T("Konto włączone."),
            _ => null,
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var email = InviteEmail?.Trim() ?? "";
        var name = InviteName?.Trim() ?? "";
        var roles = InviteRoles.Where(StaffRoles.All.Contains).Distinct().ToList();
        if (Identifiers.NormalizeEmail(email) is null)
            Errors.Add(Text.T("Podaj poprawny adres e-mail."));
        if (name.Length is 0 or > 200)
            Errors.Add(Text.T("Podaj imię i nazwisko (najwyżej 200 znaków)."));
        if (roles.Count == 0)
            Errors.Add(Text.T("Zaznacz co najmniej jedną rolę."));
        if (Errors.Count == 0 && await users.FindByEmailAsync(email) is not null)
            Errors.Add(Text.T("Ten adres ma już konto."));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new StaffUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = false, LockoutEnabled = true };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            Errors.AddRange(created.Errors.Select(e => e.Description));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        await users.AddToRolesAsync(user, roles);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = portal.Value.Link($"/office/invitation?u={Uri.EscapeDataString(user.Id)}&t={Uri.EscapeDataString(token)}");
        Outbox.EnqueueEmail(db, email, "Zaproszenie do biura IOD / Invitation to the DPO office", $"""
            Dzień dobry,

            zaproszono Cię do biura Inspektora Ochrony Danych (DpoDesk). Ustaw hasło pod tym adresem (link jest ważny 3 dni):

            {link}

            —

            Hello,

            you have been invited to the Data Protection Officer's office (DpoDesk). Set your password here (the link is valid for 3 days):

            {link}
            """, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.StaffInvited, OfficeAudit.StaffSubject(email), "roles: " + string.Join(",", roles), ct);
        await transaction.CommitAsync(ct);
        return RedirectToPage(new { done = "invited" });
    }

    public async Task<IActionResult> OnPostRolesAsync(string id, List<string> roles, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        var wanted = roles.Where(StaffRoles.All.Contains).Distinct().ToList();
        if (user.Id == users.GetUserId(User) && !wanted.Contains(StaffRoles.Admin))
        {
            Errors.Add(Text.T("Nie możesz odebrać sobie roli administratora: poproś o to innego administratora."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // Roles live in the cookie: a new stamp makes the person's sessions pick up the change.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.RolesChanged, OfficeAudit.StaffSubject(user.Email!), $"{string.Join(",", current.Order())} -> {string.Join(",", wanted.Order())}", ct);
        await transaction.CommitAsync(ct);
        return RedirectToPage(new { done = "roles" });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        if (user.Id == users.GetUserId(User))
        {
            Errors.Add(Text.T("Nie możesz wyłączyć własnego konta."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.StaffDisabled, OfficeAudit.StaffSubject(user.Email!), null, ct);
        await transaction.CommitAsync(ct);
        return RedirectToPage(new { done = "disabled" });
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditActions.StaffEnabled, OfficeAudit.StaffSubject(user.Email!), null, ct);
        await transaction.CommitAsync(ct);
        return RedirectToPage(new { done = "enabled" });
    }

    public async Task<IActionResult> OnPostSecurityAsync(bool requireTwoFactor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await OfficeSettings.SetFlagAsync(db, OfficeSettings.RequireTwoFactor, requireTwoFactor, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.SettingsChanged, "office:security", $"require two-factor: {(requireTwoFactor ? "yes" : "no")}", ct);
        await transaction.CommitAsync(ct);
        return RedirectToPage(new { done = "security" });
    }

    /// <summary>The staff as CSV: addresses, names, roles and sign-in security; audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var csv = DpoDesk.Reports.CsvTable.Write(["e-mail", "imię i nazwisko", "role", "logowanie dwuskładnikowe", "zaproszenie nieprzyjęte", "konto wyłączone"],
            Staff.Select(m => (IReadOnlyList<string?>)[m.Email, m.Name, string.Join(' ', m.Roles.Order(StringComparer.Ordinal)), m.TwoFactor ? "tak" : "nie", m.Invited ? "tak" : "nie", m.Disabled ? "tak" : "nie"]));
        await audit.RecordAsync(AuditActions.ListExported, "list:staff", Reports.ListExports.Detail(Staff.Count), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, "pracownicy.csv");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        RequireTwoFactor = await OfficeSettings.GetFlagAsync(db, OfficeSettings.RequireTwoFactor, ct);
        var people = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var memberships = await db.UserRoles.AsNoTracking().ToListAsync(ct);
        var now = time.GetUtcNow();
        Staff = people.Select(u => new Member(u.Id, u.Email ?? "", u.DisplayName,
            memberships.Where(m => m.UserId == u.Id).Select(m => roleNames[m.RoleId]).ToList(),
            u.TwoFactorEnabled, u.PasswordHash is null, u.LockoutEnd is { } end && end > now.AddYears(100))).ToList();
    }
}
