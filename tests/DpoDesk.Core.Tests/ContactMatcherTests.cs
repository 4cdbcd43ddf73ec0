using DpoDesk.Contacts;
using DpoDesk.Matching;

namespace DpoDesk.Tests;

/// <summary>
/// The matching rules: e-mail, or phone together with the name; a name alone never matches; what the
/// rules cannot settle goes to an operator.
/// </summary>
public sealed class ContactMatcherTests
{
    static readonly Requester Jan = new("jan@firma.pl", "+48601234567", Identifiers.NameKey("Jan Kowalski"));

    static Contact Record(string name, string? email, string? phone) => new()
    {
        FullName = name,
        EmailNormalized = email,
        PhoneNormalized = phone,
    };

    [Fact]
    public void A_record_with_the_confirmed_email_belongs_to_the_requester_whatever_its_name()
    {
        var result = ContactMatcher.Match(Jan, [Record("J. K.", "jan@firma.pl", null)]);
        Assert.Equal(MatchedBy.Email, Assert.Single(result.Sure).MatchedBy);
        Assert.Empty(result.Uncertain);
    }

    [Fact]
    public void A_record_with_the_phone_and_the_name_in_another_order_and_spelling_and_no_email_belongs_to_the_requester()
    {
        var result = ContactMatcher.Match(Jan, [Record("KOWALSKI Jan", null, "+48601234567")]);
        Assert.Equal(MatchedBy.PhoneAndName, Assert.Single(result.Sure).MatchedBy);
    }

    [Fact]
    public void A_record_with_the_phone_and_the_name_but_another_email_is_left_to_an_operator()
    {
        var result = ContactMatcher.Match(Jan, [Record("Jan Kowalski", "j.kowalski@innafirma.pl", "+48601234567")]);
        Assert.Empty(result.Sure);
        Assert.Equal(Uncertainty.OtherEmail, Assert.Single(result.Uncertain).Why);
    }

    [Fact]
    public void A_record_with_the_phone_but_another_name_is_never_acted_on_without_an_operator()
    {
        var result = ContactMatcher.Match(Jan, [Record("Anna Nowak", "anna@firma.pl", "+48601234567")]);
        Assert.Empty(result.Sure);
        Assert.Equal(Uncertainty.OtherNameOnPhone, Assert.Single(result.Uncertain).Why);
    }

    [Fact]
    public void A_name_alone_never_matches()
    {
        var result = ContactMatcher.Match(Jan, [Record("Jan Kowalski", "jk@innafirma.pl", "+48509000111"), Record("Jan Kowalski", null, null)]);
        Assert.Empty(result.Sure);
        Assert.Empty(result.Uncertain);
    }

    [Fact]
    public void Without_a_phone_only_the_email_matches()
    {
        var requester = Jan with { Phone = null };
        var result = ContactMatcher.Match(requester, [Record("Jan Kowalski", null, "+48601234567")]);
        Assert.Empty(result.Sure);
        Assert.Empty(result.Uncertain);
    }

    [Fact]
    public void Without_an_email_a_postal_requester_is_matched_by_phone_and_name()
    {
        var requester = Jan with { Email = null };
        var result = ContactMatcher.Match(requester, [Record("Jan Kowalski", "jan@firma.pl", "+48601234567")]);
        Assert.Equal(MatchedBy.PhoneAndName, Assert.Single(result.Sure).MatchedBy);
    }

    [Fact]
    public void Email_takes_precedence_over_phone_for_a_record_that_has_both()
    {
        var result = ContactMatcher.Match(Jan, [Record("Jan Kowalski", "jan@firma.pl", "+48601234567")]);
        Assert.Equal(MatchedBy.Email, Assert.Single(result.Sure).MatchedBy);
    }
}
