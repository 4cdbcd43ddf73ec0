using DpoDesk.Matching;

namespace DpoDesk.Tests;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("  Jan.Kowalski@Firma.PL ", "jan.kowalski@firma.pl")]
    [InlineData("ANNA+biuro@example.com", "anna+biuro@example.com")]
    [InlineData("zofia@łódź.example", "zofia@łódź.example")]
    public void Emails_are_trimmed_and_lower_cased(string input, string expected) =>
        Assert.Equal(expected, Identifiers.NormalizeEmail(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("jan.kowalski")]
    [InlineData("jan@")]
    [InlineData("@firma.pl")]
    [InlineData("jan@firma")]
    [InlineData("jan kowalski@firma.pl")]
    [InlineData("jan@@firma.pl")]
    [InlineData("jan@firma..pl")]
    [InlineData(".jan@firma.pl")]
    [InlineData("<script>@firma.pl")]
    [InlineData("jan@-firma.pl")]
    public void Malformed_emails_are_refused(string input) => Assert.Null(Identifiers.NormalizeEmail(input));

    [Theory]
    [InlineData("601234567", "+48601234567")]
    [InlineData("601 234 567", "+48601234567")]
    [InlineData("601-234-567", "+48601234567")]
    [InlineData("+48 601 234 567", "+48601234567")]
    [InlineData("+48601234567", "+48601234567")]
    [InlineData("0048 601 234 567", "+48601234567")]
    [InlineData("(+48) 601-234-567", "+48601234567")]
    [InlineData("(48) 601 234 567", "+48601234567")]
    [InlineData("48601234567", "+48601234567")]
    [InlineData("22 123 45 67", "+48221234567")]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    public void Phones_are_brought_to_e164(string input, string expected) =>
        Assert.Equal(expected, Identifiers.NormalizePhone(input));

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("zadzwoń")]
    [InlineData("601 234 56a")]
    [InlineData("+48 601 234 56")]
    [InlineData("+48 601 234 5678")]
    [InlineData("60+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+0 123 456 789")]
    public void Things_that_are_not_phones_are_refused(string input) => Assert.Null(Identifiers.NormalizePhone(input));

    [Theory]
    [InlineData("+48601234567", "PL", true)]
    [InlineData("+48880000000", "PL", true)]
    [InlineData("+48221234567", "PL", false)]
    [InlineData("+4915112345678", "PL", false)]
    [InlineData("+4915112345678", "PL,DE", true)]
    [InlineData("+49301234567", "PL,DE", false)]
    [InlineData("+882123456789", "PL", false)]
    public void Only_mobile_ranges_of_allowed_countries_count(string e164, string regions, bool mobile) =>
        Assert.Equal(mobile, Identifiers.IsMobileIn(e164, regions.Split(',')));

    [Theory]
    [InlineData("Jan Kowalski", "jan kowalski")]
    [InlineData("KOWALSKI  JAN", "jan kowalski")]
    [InlineData("Żaneta Łukasik-Wójcik", "lukasik wojcik zaneta")]
    [InlineData("wójcik łukasik żaneta", "lukasik wojcik zaneta")]
    [InlineData("Zoë Müller", "muller zoe")]
    [InlineData("  Grzegorz   Brzęczyszczykiewicz ", "brzeczyszczykiewicz grzegorz")]
    public void Names_are_compared_without_case_diacritics_and_word_order(string name, string key) =>
        Assert.Equal(key, Identifiers.NameKey(name));

    [Fact]
    public void Punctuation_only_names_have_no_key() => Assert.Equal(string.Empty, Identifiers.NameKey("<>!?"));
}
