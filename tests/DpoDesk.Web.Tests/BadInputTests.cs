using System.Net;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>Form input that must be refused, with the message shown next to the field.</summary>
public static class BadInputCases
{
    public static TheoryData<string?, string?, string?, bool, string, string> Cases => new()
    {
        { null, "ok@firma.example", null, true, "FullName-error", "Podaj imię i nazwisko." },
        { "   ", "ok@firma.example", null, true, "FullName-error", "Podaj imię i nazwisko." },
        { "Jan Nowak", null, null, true, "Email-error", "Podaj adres e-mail" },
        { "Jan Nowak", "jan.nowak@", null, true, "Email-error", "To nie wygląda na adres e-mail" },
        { "Jan Nowak", "jan nowak@firma.example", null, true, "Email-error", "To nie wygląda na adres e-mail" },
        { "Jan Nowak", new string('a', 250) + "@firma.example", null, true, "Email-error", "Adres e-mail może mieć najwyżej 254 znaki." },
        { new string('Ż', 201), "ok@firma.example", null, true, "FullName-error", "Imię i nazwisko może mieć najwyżej 200 znaków." },
        { "Jan Nowak", "ok@firma.example", "zadzwoń do mnie", true, "Phone-error", "To nie wygląda na numer telefonu" },
        { "Jan Nowak", "ok@firma.example", "12 34", true, "Phone-error", "To nie wygląda na numer telefonu" },
        { "Jan Nowak", "ok@firma.example", new string('1', 40), true, "Phone-error", "Numer telefonu jest za długi." },
        { "Jan Nowak", "ok@firma.example", null, false, "Actions-error", "Zaznacz, o co prosisz" },
    };
}

/// <summary>Bad input gets a clear message next to the field and changes nothing.</summary>
public abstract class BadInputTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    [Theory]
    [MemberData(nameof(BadInputCases.Cases), MemberType = typeof(BadInputCases))]
    public async Task Bad_input_is_refused_with_a_message_next_to_the_field(string? name, string? email, string? phone, bool erase, string errorId, string message)
    {
        var before = await App.QueryAsync(db => db.Requests.CountAsync());
        using var response = await App.SubmitAsync(App.Browser(), new DpoDeskApp.RequestInput(name, email, phone, Erase: erase));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"{errorId}\">{message}", page, StringComparison.Ordinal);
        Assert.Contains("Popraw zaznaczone pola", page, StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Huge_values_control_characters_and_a_forged_submission_key_get_field_messages_not_a_500()
    {
        var browser = App.Browser();
        var form = await browser.GetStringAsync("/");
        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
            new("SubmissionKey", "not-a-guid"),
            new("Started", DpoDeskApp.HiddenValue(form, "Started")),
            new("FullName", "Jan\u0007Nowak" + new string('x', 100_000)),
            new("Email", "jan\u0007@firma.example"),
            new("Phone", "+48\u0007601"),
            new("Erase", "maybe")]);
        using var response = await browser.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"FullName-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"Email-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"Phone-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"Actions-error\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_character_in_a_field_is_refused_as_an_unreadable_form()
    {
        var before = await App.QueryAsync(db => db.Requests.CountAsync());
        var browser = App.Browser();
        var form = await browser.GetStringAsync("/");
        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
            new("FullName", "Jan\u0000Nowak"),
            new("Email", "jan@firma.example"),
            new("Erase", "true")]);
        using var response = await browser.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nie udało się przyjąć formularza", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task What_was_typed_stays_in_the_form_after_an_error()
    {
        using var response = await App.SubmitAsync(App.Browser(), new DpoDeskApp.RequestInput("Grażyna Żółć", "zla-domena@", "601 234 567"));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Grażyna Żółć\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"601 234 567\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_in_english_for_an_english_visitor()
    {
        var browser = App.Browser();
        await browser.GetAsync("/jezyk/en");
        using var response = await App.SubmitAsync(browser, new DpoDeskApp.RequestInput("Jan Nowak", "nope"));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This does not look like an e-mail address.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_and_script_in_fields_are_stored_as_typed_and_shown_escaped()
    {
        var email = DpoDeskApp.UniqueEmail("xss");
        const string name = "<script>alert('x')</script> Jan \"Nowak\"";
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput(name, email));

        Assert.Equal(name, await App.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.FullName).SingleAsync()));
        var confirmation = await App.Smtp.WaitForAsync(email, number);
        var page = await browser.GetStringAsync(DpoDeskApp.ConfirmationPath(confirmation));
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_click_on_submit_makes_one_request()
    {
        var browser = App.Browser();
        var email = DpoDeskApp.UniqueEmail("double");
        var form = await browser.GetStringAsync("/");
        KeyValuePair<string, string>[] fields =
        [
            new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
            new("SubmissionKey", DpoDeskApp.HiddenValue(form, "SubmissionKey")),
            new("Started", DpoDeskApp.HiddenValue(form, "Started")),
            new("FullName", "Adam Dwuklik"),
            new("Email", email),
            new("Erase", "true"),
        ];
        using var first = browser.PostAsync("/", new FormUrlEncodedContent(fields));
        using var second = browser.PostAsync("/", new FormUrlEncodedContent(fields));
        var responses = await Task.WhenAll(first, second);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(responses[0].Headers.Location, responses[1].Headers.Location);
        Assert.Equal(1, await App.QueryAsync(db => db.Requests.CountAsync(r => r.Email == email)));
    }

    [Fact]
    public async Task Going_back_and_correcting_the_form_makes_a_new_request_to_the_corrected_address()
    {
        var browser = App.Browser();
        var typo = DpoDeskApp.UniqueEmail("literowka");
        var corrected = DpoDeskApp.UniqueEmail("poprawiony");
        var form = await browser.GetStringAsync("/");
        KeyValuePair<string, string>[] Fields(string email) =>
        [
            new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
            new("SubmissionKey", DpoDeskApp.HiddenValue(form, "SubmissionKey")),
            new("Started", DpoDeskApp.HiddenValue(form, "Started")),
            new("FullName", "Olga Poprawna"),
            new("Email", email),
            new("Erase", "true"),
        ];
        using var first = await browser.PostAsync("/", new FormUrlEncodedContent(Fields(typo)));
        using var second = await browser.PostAsync("/", new FormUrlEncodedContent(Fields(corrected)));

        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
        await App.Smtp.WaitForAsync(corrected, "Potwierdź zgłoszenie");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var before = await App.QueryAsync(db => db.Requests.CountAsync());
        using var content = new FormUrlEncodedContent([new("FullName", "Jan Nowak"), new("Email", "jan@firma.example"), new("Erase", "true")]);
        using var response = await App.Browser().PostAsync("/", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nie udało się przyjąć formularza", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [InlineData("/potwierdz/not-a-token")]
    [InlineData("/potwierdz/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/potwierdz/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/potwierdz/%3Cscript%3E")]
    public async Task A_tampered_confirmation_link_is_refused(string path)
    {
        using var response = await App.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Ten link jest nieprawidłowy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_confirmation_link_does_not_process_twice()
    {
        var email = DpoDeskApp.UniqueEmail("replay");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Rafał Ponowny", email));
        var path = DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number));
        await DpoDeskApp.ConfirmAsync(browser, path);
        await App.Smtp.WaitForAsync(email, "zrealizowane");

        var (get, post) = await DpoDeskApp.ConfirmAsync(browser, path);
        Assert.Contains("link działa tylko raz", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("link działa tylko raz", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(App.Smtp.To(email), m => (m.Subject ?? "").Contains("zrealizowane", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/nie-ma-takiej-strony", HttpStatusCode.NotFound)]
    [InlineData("/office/requests/999999999", HttpStatusCode.Redirect)]
    [InlineData("/wyslano?numer=%3Cscript%3E", HttpStatusCode.Redirect)]
    [InlineData("/jezyk/en?wroc=//evil.example", HttpStatusCode.Redirect)]
    public async Task Odd_addresses_get_an_answer_not_a_500(string path, HttpStatusCode expected)
    {
        using var response = await App.Browser().GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (response.Headers.Location is { } location)
            Assert.False(location.IsAbsoluteUri && location.Host.Contains("evil", StringComparison.Ordinal));
    }
}

public sealed class BadInputTestsOnSqlite(SqliteApp app) : BadInputTests<SqliteApp>(app);

public sealed class BadInputTestsOnPostgres(PostgresApp app) : BadInputTests<PostgresApp>(app);
