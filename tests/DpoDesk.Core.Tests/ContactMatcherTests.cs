using DpoDesk.Contacts;
using DpoDesk.Matching;

namespace DpoDesk.Tests;

/// <summary>The matching rules: e-mail, or phone together with the name; a name alone never matches.</summary>
public sealed class ContactMatcherTests
{
    static readonly Requester Jan = new("jan@firma.pl", "+48601234567", Identifiers.NameKey("Jan Kowalski"));

    static Contact Record(string name, string? email, string? phone) => new()
    {
        FullName = name,
        NameKey = Identifiers.NameKey(name),
        EmailNormalized = email,
        PhoneNormalized = phone,
    };

    [Fact]
    public void A_record_with_the_confirmed_email_belongs_to_the_requester_whatever_its_name()
    {
        var match = Assert.Single(ContactMatcher.Match(Jan, [Record("J. K.", "jan@firma.pl", null)]));
        Assert.Equal(MatchedBy.Email, match.MatchedBy);
    }

    [Fact]
    public void A_record_with_the_phone_and_the_name_in_another_order_and_spelling_belongs_to_the_requester()
    {
        var match = Assert.Single(ContactMatcher.Match(Jan, [Record("KOWALSKI Jan", "inny@firma.pl", "+48601234567")]));
        Assert.Equal(MatchedBy.PhoneAndName, match.MatchedBy);
    }

    [Fact]
    public void A_record_with_the_phone_but_another_name_does_not_belong_to_the_requester() =>
        Assert.Empty(ContactMatcher.Match(Jan, [Record("Anna Nowak", "anna@firma.pl", "+48601234567")]));

    [Fact]
    public void A_name_alone_never_matches() =>
        Assert.Empty(ContactMatcher.Match(Jan, [Record("Jan Kowalski", "jk@innafirma.pl", "+48509000111"), Record("Jan Kowalski", null, null)]));

    [Fact]
    public void Without_a_phone_only_the_email_matches()
    {
        var requester = Jan with { Phone = null };
        Assert.Empty(ContactMatcher.Match(requester, [Record("Jan Kowalski", null, "+48601234567")]));
    }

    [Fact]
    public void Email_takes_precedence_over_phone_for_a_record_that_has_both()
    {
        var match = Assert.Single(ContactMatcher.Match(Jan, [Record("Jan Kowalski", "jan@firma.pl", "+48601234567")]));
        Assert.Equal(MatchedBy.Email, match.MatchedBy);
    }
}
