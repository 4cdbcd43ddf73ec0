using DpoDesk.Audit;
using DpoDesk.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Office;

/// <summary>The signed-in person's own account: roles, two-factor sign-in, and ending every session.</summary>
public sealed class AccountModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, OfficeAudit audit) : PageModel
{
    public string Email { get; private set; } = "";
    public IList<string> Roles { get; private set; } = [];
    public bool TwoFactor { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        Email = user.Email ?? "";
        Roles = await users.GetRolesAsync(user);
        TwoFactor = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        // A new security stamp makes every cookie issued before it invalid at its next request.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.SignedOutEverywhere, OfficeAudit.StaffSubject(user.Email!), null, ct);
        await signIn.SignOutAsync();
        return LocalRedirect("/office/sign-in");
    }
}
