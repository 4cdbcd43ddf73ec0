using DpoDesk.Web.Tests.Infrastructure;

namespace DpoDesk.Web.Tests;

public abstract class StatusPageTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    [Fact]
    public async Task The_right_number_and_email_show_the_state_and_dates()
    {
        var email = DpoDeskApp.UniqueEmail("status");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Stefan Status", email));

        var page = await App.StatusPageAsync(browser, number.ToLowerInvariant(), email.ToUpperInvariant());
        Assert.Contains($"Zgłoszenie {number}", page, StringComparison.Ordinal);
        Assert.Contains("Czeka na potwierdzenie", page, StringComparison.Ordinal);
        Assert.Contains("Termin ustawowy", page, StringComparison.Ordinal);
        // Nothing of the person's data is shown.
        Assert.DoesNotContain("Stefan", page, StringComparison.Ordinal);

        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number)));
        await App.Smtp.WaitForAsync(email, "zrealizowane");
        page = await App.StatusPageAsync(browser, number, email);
        Assert.Contains("Zrealizowane", page, StringComparison.Ordinal);
        Assert.Contains("Potwierdzone", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_email_gets_the_same_answer_as_an_unknown_number()
    {
        var email = DpoDeskApp.UniqueEmail("status2");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Stefan Status", email));

        var wrongEmail = await App.StatusPageAsync(browser, number, DpoDeskApp.UniqueEmail("someone.else"));
        var unknownNumber = await App.StatusPageAsync(browser, "IOD/2020/999999", email);
        Assert.Contains("Nie znaleźliśmy takiego zgłoszenia", wrongEmail, StringComparison.Ordinal);
        Assert.Equal(Strip(wrongEmail), Strip(unknownNumber));
    }

    // The form echoes what was typed and carries a fresh anti-forgery token; the rest must be identical.
    static string Strip(string page) =>
        System.Text.RegularExpressions.Regex.Replace(page, "value=\"[^\"]*\"", "value=\"\"");
}

public sealed class StatusPageTestsOnSqlite(SqliteApp app) : StatusPageTests<SqliteApp>(app);

public sealed class StatusPageTestsOnPostgres(PostgresApp app) : StatusPageTests<PostgresApp>(app);
