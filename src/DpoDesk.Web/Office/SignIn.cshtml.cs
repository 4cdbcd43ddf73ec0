using DpoDesk.Staff;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Office;

public sealed class SignInModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 254 || Password.Length > 200)
        {
            Error = Text.T("Podaj adres e-mail i hasło.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/office", StringComparison.Ordinal) ? returnUrl : "/office");

        Error = result.IsLockedOut
            ? Text.T("Konto jest czasowo zablokowane po kilku nieudanych próbach. Spróbuj ponownie za 15 minut.")
            : Text.T("Nieprawidłowy adres e-mail lub hasło.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
