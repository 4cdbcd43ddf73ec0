using DpoDesk.Matching;

namespace DpoDesk.Requests;

public enum FormError
{
    Required = 1,
    TooLong,
    InvalidEmail,
    InvalidPhone,
    InvalidCharacters,
    NoActionChosen,
    TooManyRequests,
}

/// <summary>What a person typed into the request form, before it is trusted.</summary>
public sealed record RequestForm(
    string? FullName,
    string? Email,
    string? Phone,
    RequestActions Actions,
    string Language,
    Guid SubmissionKey)
{
    public const int MaxNameLength = 200;
    public const int MaxPhoneLength = 32;

    public static class Fields
    {
        public const string FullName = nameof(RequestForm.FullName);
        public const string Email = nameof(RequestForm.Email);
        public const string Phone = nameof(RequestForm.Phone);
        public const string Actions = nameof(RequestForm.Actions);
    }

    /// <summary>Checks every field; an empty result means the form can be accepted.</summary>
    public IReadOnlyDictionary<string, FormError> Validate()
    {
        var errors = new Dictionary<string, FormError>();

        var name = FullName?.Trim();
        if (string.IsNullOrEmpty(name))
            errors[Fields.FullName] = FormError.Required;
        else if (name.Length > MaxNameLength)
            errors[Fields.FullName] = FormError.TooLong;
        else if (name.Any(char.IsControl) || Identifiers.NameKey(name).Length == 0)
            errors[Fields.FullName] = FormError.InvalidCharacters;

        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email))
            errors[Fields.Email] = FormError.Required;
        else if (email.Length > Identifiers.MaxEmailLength)
            errors[Fields.Email] = FormError.TooLong;
        else if (Identifiers.NormalizeEmail(email) is null)
            errors[Fields.Email] = FormError.InvalidEmail;

        var phone = Phone?.Trim();
        if (!string.IsNullOrEmpty(phone))
        {
            if (phone.Length > MaxPhoneLength)
                errors[Fields.Phone] = FormError.TooLong;
            else if (Identifiers.NormalizePhone(phone) is null)
                errors[Fields.Phone] = FormError.InvalidPhone;
        }

        if ((Actions & (RequestActions.Erasure | RequestActions.SourceInquiry | RequestActions.SharingObjection)) == RequestActions.None)
            errors[Fields.Actions] = FormError.NoActionChosen;

        return errors;
    }
}
