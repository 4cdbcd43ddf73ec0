using System.Net;
using DpoDesk.Web.Tests.Infrastructure;

namespace DpoDesk.Web.Tests;

public abstract class OfficeTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    [Theory]
    [InlineData("/office")]
    [InlineData("/office/outbox")]
    [InlineData("/office/requests/1")]
    public async Task The_office_is_closed_to_anonymous_visitors(string path)
    {
        using var response = await App.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/office/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var response = await App.SignInAsync(App.Browser(), DpoDeskApp.AdminEmail, "wrong");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nieprawidłowy adres e-mail lub hasło.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_the_request_list_with_deadlines_and_a_request_with_its_timeline()
    {
        var email = DpoDeskApp.UniqueEmail("office");
        var number = await App.SubmitAcceptedAsync(App.Browser(), new DpoDeskApp.RequestInput("Halina Biurowa", email, Source: true));
        await App.Smtp.WaitForAsync(email, number);
        await App.AllDeliveredAsync(number);

        var staff = await App.SignedInStaffAsync();
        var list = await staff.GetStringAsync("/office");
        Assert.Contains(number, list, StringComparison.Ordinal);
        Assert.Contains("Termin ustawowy", list, StringComparison.Ordinal);
        Assert.Contains("Cel 72 h", list, StringComparison.Ordinal);
        Assert.Contains("Czeka na potwierdzenie", list, StringComparison.Ordinal);

        var link = System.Text.RegularExpressions.Regex.Match(list, $"href=\"(/office/requests/\\d+)\">{number}<").Groups[1].Value;
        var detail = await staff.GetStringAsync(link);
        Assert.Contains("Halina Biurowa", detail, StringComparison.Ordinal);
        Assert.Contains("Przyjęte", detail, StringComparison.Ordinal);
        Assert.Contains("Wiadomość doręczona", detail, StringComparison.Ordinal);

        var outbox = await staff.GetStringAsync("/office/outbox");
        Assert.Contains($"Potwierdź zgłoszenie {number}", outbox, StringComparison.Ordinal);
    }
}

public sealed class OfficeTestsOnSqlite(SqliteApp app) : OfficeTests<SqliteApp>(app);

public sealed class OfficeTestsOnPostgres(PostgresApp app) : OfficeTests<PostgresApp>(app);
