using DpoDesk.Matching;

namespace DpoDesk.Requests;

/// <summary>A scan as uploaded: its name as given and its bytes, not yet trusted.</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>A paper request as an operator types it in, before it is trusted.</summary>
public sealed record PostalForm(
    RequestActions Actions,
    string? FullName,
    string? PostalAddress,
    string? Email,
    string? Phone,
    DateOnly? ReceivedOn,
    string Language,
    UploadedFile? Scan)
{
    public const int MaxAddressLength = 500;
    public const long MaxScanBytes = 10 * 1024 * 1024;

    public static class Fields
    {
        public const string FullName = nameof(PostalForm.FullName);
        public const string PostalAddress = nameof(PostalForm.PostalAddress);
        public const string Email = nameof(PostalForm.Email);
        public const string Phone = nameof(PostalForm.Phone);
        public const string ReceivedOn = nameof(PostalForm.ReceivedOn);
        public const string Actions = nameof(PostalForm.Actions);
        public const string Scan = nameof(PostalForm.Scan);
    }

    public IReadOnlyDictionary<string, PostalError> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, PostalError>();
        var name = FullName?.Trim();
        if (string.IsNullOrEmpty(name))
            errors[Fields.FullName] = PostalError.Required;
        else if (name.Length > RequestForm.MaxNameLength || name.Any(char.IsControl) || Identifiers.NameKey(name).Length == 0)
            errors[Fields.FullName] = PostalError.Invalid;

        var address = PostalAddress?.Trim();
        if (string.IsNullOrEmpty(address))
            errors[Fields.PostalAddress] = PostalError.Required;
        else if (address.Length > MaxAddressLength || address.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
            errors[Fields.PostalAddress] = PostalError.Invalid;

        if (!string.IsNullOrWhiteSpace(Email) && (Email.Trim().Length > Identifiers.MaxEmailLength || Identifiers.NormalizeEmail(Email.Trim()) is null))
            errors[Fields.Email] = PostalError.Invalid;
        if (!string.IsNullOrWhiteSpace(Phone) && (Phone.Trim().Length > RequestForm.MaxPhoneLength || Identifiers.NormalizePhone(Phone.Trim()) is null))
            errors[Fields.Phone] = PostalError.Invalid;

        if (ReceivedOn is not { } received)
            errors[Fields.ReceivedOn] = PostalError.Required;
        else if (received > today || received < today.AddYears(-1))
            errors[Fields.ReceivedOn] = PostalError.OutOfRange;

        if ((Actions & (RequestActions.Erasure | RequestActions.SourceInquiry | RequestActions.SharingObjection)) == RequestActions.None)
            errors[Fields.Actions] = PostalError.Required;

        if (Scan is null || Scan.Content.Length == 0)
            errors[Fields.Scan] = PostalError.Required;
        else if (Scan.Content.Length > MaxScanBytes)
            errors[Fields.Scan] = PostalError.TooLarge;
        else if (ScanType.Sniff(Scan.Content) is null)
            errors[Fields.Scan] = PostalError.WrongType;
        return errors;
    }
}

public enum PostalError
{
    Required = 1,
    Invalid,
    OutOfRange,
    TooLarge,
    WrongType,
}

/// <summary>What a file is, by its first bytes: the name and the browser's word for it are not trusted.</summary>
public static class ScanType
{
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
            return "application/pdf";
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "image/jpeg";
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        return null;
    }

    public static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        _ => ".png",
    };
}
