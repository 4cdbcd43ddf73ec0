using DpoDesk.Audit;
using DpoDesk.Staff;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Office;

/// <summary>The second step of sign-in: a TOTP code from any authenticator app, or a recovery code.</summary>
public sealed class SignInCodeModel(SignInManager<StaffUser> signIn, OfficeAudit audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Only after a correct password: the two-factor cookie says whose code this is.
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Office/SignIn") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return RedirectToPage("/Office/SignIn");
        var code = new string((Code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (code.Length is 0 or > 20)
        {
            Error = Text.T("Podaj kod.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // An app code is six digits (some apps show "123 456"); a recovery code looks like "ab1cd-ef2gh".
        var digits = code.Replace("-", "", StringComparison.Ordinal);
        var recovery = !(digits.Length == 6 && digits.All(char.IsAsciiDigit));
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(user.UserName!, AuditActions.SignedIn, OfficeAudit.StaffSubject(user.UserName!), recovery ? "password + recovery code" : "password + authenticator code", ct);
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        await audit.RecordAsync(user.UserName!, AuditActions.SignInFailed, OfficeAudit.StaffSubject(user.UserName!), result.IsLockedOut ? "locked out" : "wrong code", ct);
        Error = result.IsLockedOut
            ? Text.T("Konto jest zablokowane: po kilku nieudanych próbach na 15 minut albo przez administratora.")
            : Text.T("Nieprawidłowy kod. Sprawdź, czy zegar telefonu jest ustawiony dobrze, i wpisz najnowszy kod.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
