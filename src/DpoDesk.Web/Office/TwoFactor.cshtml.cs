using System.Globalization;
using System.Security.Claims;
using System.Text;
using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Staff;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace DpoDesk.Web.Office;

/// <summary>Turning TOTP two-factor sign-in on with any authenticator app, and off when the office allows it.</summary>
public sealed class TwoFactorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, DpoDeskDbContext db, OfficeAudit audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public string? Error { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = Text.T("Ten kod się nie zgadza. Wpisz najnowszy kod z aplikacji (zmienia się co 30 sekund).");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(user, ct);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.RecordAsync(AuditActions.TwoFactorEnabled, OfficeAudit.StaffSubject(user.Email!), null, ct);
        // This session has now proved the second factor too.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (await OfficeSettings.GetFlagAsync(db, OfficeSettings.RequireTwoFactor, ct))
            return Forbid();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorDisabled, OfficeAudit.StaffSubject(user.Email!), null, ct);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    async Task LoadAsync(StaffUser user, CancellationToken ct)
    {
        Enabled = user.TwoFactorEnabled;
        Required = await OfficeSettings.GetFlagAsync(db, OfficeSettings.RequireTwoFactor, ct);
        if (Enabled)
            return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp: re-issue this session's cookie so that it stays valid.
            await signIn.RefreshSignInAsync(user);
        }
        SharedKey = Grouped(key!);
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString("DpoDesk:" + user.Email)}?secret={key}&issuer=DpoDesk&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
