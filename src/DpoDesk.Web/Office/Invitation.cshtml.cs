using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Staff;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Office;

/// <summary>An invited person sets their own password from the e-mailed link; the link works once.</summary>
public sealed class InvitationModel(UserManager<StaffUser> users, DpoDeskDbContext db, OfficeAudit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? U { get; set; }
    [BindProperty(SupportsGet = true)] public string? T { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Repeat { get; set; }

    public bool Invalid { get; private set; }
    public string? Email { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await InvitedUserAsync();
        if (user is null)
            return Refused();
        Email = user.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await InvitedUserAsync();
        if (user is null)
            return Refused();
        Email = user.Email;
        if (string.IsNullOrEmpty(Password) || Password.Length > 200)
            Errors.Add(Text.T("Podaj hasło."));
        else if (Password != Repeat)
            Errors.Add(Text.T("Hasła się różnią."));
        if (Errors.Count == 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await users.ResetPasswordAsync(user, T!, Password!);
            if (result.Succeeded)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
                await audit.RecordAsync(user.Email!, AuditActions.InvitationAccepted, OfficeAudit.StaffSubject(user.Email!), null, ct);
                await transaction.CommitAsync(ct);
                return Redirect("/office/sign-in?ready=1");
            }
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                return Refused();
            Errors.AddRange(result.Errors.Select(e => e.Description));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The account the link names, if it is still waiting for its password.</summary>
    async Task<StaffUser?> InvitedUserAsync()
    {
        if (string.IsNullOrEmpty(U) || string.IsNullOrEmpty(T) || U.Length > 64 || T.Length > 2000)
            return null;
        var user = await users.FindByIdAsync(U);
        // The link's token is checked before the page says whose account it is.
        return user is { PasswordHash: null }
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffUser>.ResetPasswordTokenPurpose, T)
            ? user : null;
    }

    PageResult Refused()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
