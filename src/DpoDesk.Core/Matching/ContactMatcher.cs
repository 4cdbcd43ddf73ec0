using DpoDesk.Contacts;

namespace DpoDesk.Matching;

public enum MatchedBy
{
    /// <summary>The record's e-mail is the confirmed e-mail: the record may be described to the person.</summary>
    Email = 1,

    /// <summary>The record's phone and name are the ones given: it may be erased or restricted, not described.</summary>
    PhoneAndName = 2,
}

public sealed record ContactMatch(Contact Contact, MatchedBy MatchedBy);

/// <summary>The person a request speaks for, with identifiers already normalised.</summary>
public sealed record Requester(string Email, string? Phone, string NameKey);

/// <summary>
/// Decides which candidate records belong to a requester. A record belongs to the requester when its
/// e-mail equals the confirmed e-mail, or its phone equals the given phone and its name matches.
/// A name alone never matches.
/// </summary>
public static class ContactMatcher
{
    public static IReadOnlyList<ContactMatch> Match(Requester requester, IEnumerable<Contact> candidates)
    {
        var matches = new List<ContactMatch>();
        foreach (var contact in candidates)
        {
            if (contact.EmailNormalized is not null && string.Equals(contact.EmailNormalized, requester.Email, StringComparison.Ordinal))
                matches.Add(new ContactMatch(contact, MatchedBy.Email));
            else if (requester.Phone is not null
                && string.Equals(contact.PhoneNormalized, requester.Phone, StringComparison.Ordinal)
                && string.Equals(contact.NameKey, requester.NameKey, StringComparison.Ordinal))
                matches.Add(new ContactMatch(contact, MatchedBy.PhoneAndName));
        }
        return matches;
    }
}
