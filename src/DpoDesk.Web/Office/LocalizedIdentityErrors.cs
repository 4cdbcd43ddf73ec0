using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace DpoDesk.Web.Office;

/// <summary>Identity's messages about passwords and accounts in the person's language.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = Text.TF("Hasło musi mieć co najmniej {0} znaków.", length) };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = Text.T("Hasło musi zawierać cyfrę.") };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = Text.T("Hasło musi zawierać małą literę.") };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = Text.T("Hasło musi zawierać wielką literę.") };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = Text.T("Hasło musi zawierać znak specjalny, np. ! lub -.") };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = Text.TF("Hasło musi zawierać co najmniej {0} różnych znaków.", uniqueChars) };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = Text.T("Link jest nieważny albo wygasł.") };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = Text.T("Ten adres ma już konto.") };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = Text.T("Ten adres ma już konto.") };
}
