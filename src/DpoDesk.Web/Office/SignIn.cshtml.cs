using DpoDesk.Audit;
using DpoDesk.Staff;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Office;

/// <summary>Staff sign-in: password first, then the authenticator code when the account has one.</summary>
public sealed class SignInModel(SignInManager<StaffUser> signIn, OfficeAudit audit) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 254 || Password.Length > 200)
        {
            Error = Text.T("Podaj adres e-mail i hasło.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var email = Email.Trim();
        var result = await signIn.PasswordSignInAsync(email, Password, isPersistent: false, lockoutOnFailure: true);
        var target = SafeReturnUrl(returnUrl);
        if (result.Succeeded)
        {
            await audit.RecordAsync(email, AuditActions.SignedIn, OfficeAudit.StaffSubject(email), "password", ct);
            return LocalRedirect(target);
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Office/SignInCode", new { returnUrl = target });

        // The name typed is recorded only when it is a staff account: a stranger's typing is not ours to keep.
        if (await signIn.UserManager.FindByNameAsync(email) is not null)
            await audit.RecordAsync(email, AuditActions.SignInFailed, OfficeAudit.StaffSubject(email), result.IsLockedOut ? "locked out" : "wrong password", ct);
        Error = result.IsLockedOut
            ? Text.T("Konto jest zablokowane: po kilku nieudanych próbach na 15 minut albo przez administratora.")
            : Text.T("Nieprawidłowy adres e-mail lub hasło.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith("/office", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/office";
}
