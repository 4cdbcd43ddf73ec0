using DpoDesk.Contacts;

namespace DpoDesk.Matching;

public enum MatchedBy
{
    /// <summary>The record's e-mail is the confirmed e-mail: the record may be described to the person.</summary>
    Email = 1,

    /// <summary>The record's phone and name are the ones given: it may be erased or restricted, not described.</summary>
    PhoneAndName = 2,

    /// <summary>An operator decided, on review, that the record is the person's: acted on, never described.</summary>
    Review = 3,
}

public sealed record ContactMatch(Contact Contact, MatchedBy MatchedBy);

/// <summary>Why a record may or may not be the person's: the rules leave it to an operator.</summary>
public enum Uncertainty
{
    /// <summary>The phone and name match, but the record carries another e-mail.</summary>
    OtherEmail = 1,

    /// <summary>The phone matches, the name does not: the number is shared by several people, or the name is written differently.</summary>
    OtherNameOnPhone = 2,
}

public sealed record UncertainMatch(Contact Contact, Uncertainty Why);

/// <summary>The person a request speaks for, with identifiers already normalised; a postal request may lack an e-mail.</summary>
public sealed record Requester(string? Email, string? Phone, string NameKey);

public sealed record MatchResult(IReadOnlyList<ContactMatch> Sure, IReadOnlyList<UncertainMatch> Uncertain);

/// <summary>
/// Decides which candidate records belong to a requester. A record surely belongs to the requester when
/// its e-mail equals the confirmed e-mail, or its phone and name equal the ones given and it has no
/// other e-mail. A name alone never matches. What the rules cannot settle is returned as uncertain,
/// for an operator to decide.
/// </summary>
public static class ContactMatcher
{
    public static MatchResult Match(Requester requester, IEnumerable<Contact> candidates)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var sure = new List<ContactMatch>();
        var uncertain = new List<UncertainMatch>();
        foreach (var contact in candidates)
        {
            if (requester.Email is not null && string.Equals(contact.EmailNormalized, requester.Email, StringComparison.Ordinal))
            {
                sure.Add(new ContactMatch(contact, MatchedBy.Email));
                continue;
            }
            if (requester.Phone is null || !string.Equals(contact.PhoneNormalized, requester.Phone, StringComparison.Ordinal))
                continue;
            if (!string.Equals(contact.NameKey, requester.NameKey, StringComparison.Ordinal))
                uncertain.Add(new UncertainMatch(contact, Uncertainty.OtherNameOnPhone));
            else if (requester.Email is not null && contact.EmailNormalized is not null)
                uncertain.Add(new UncertainMatch(contact, Uncertainty.OtherEmail));
            else
                sure.Add(new ContactMatch(contact, MatchedBy.PhoneAndName));
        }
        return new MatchResult(sure, uncertain);
    }
}
