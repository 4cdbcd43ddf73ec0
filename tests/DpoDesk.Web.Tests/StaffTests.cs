using System.Net;
using System.Text.RegularExpressions;
using DpoDesk.Staff;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;

namespace DpoDesk.Web.Tests;

/// <summary>Staff accounts: who may see what, two-factor sign-in, invitations, lockout and ending sessions.</summary>
public abstract partial class StaffTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    /// <summary>Each page, and who may open it.</summary>
    static readonly (string Path, string[] Allowed)[] Pages =
    [
        ("/office/outbox", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/audit", [StaffRoles.Auditor, StaffRoles.Dpo, StaffRoles.Admin]),
        ("/office/staff", [StaffRoles.Admin]),
        ("/office/account", StaffRoles.All),
        ("/office/requests/postal", [StaffRoles.Operator, StaffRoles.Dpo]),
        ("/office/phone", [StaffRoles.Operator, StaffRoles.Dpo]),
        ("/office/templates", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/templates/refusal/en", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/inquiries", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/breaches", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/breaches/edit", [StaffRoles.Dpo, StaffRoles.Lawyer]),
        ("/office/cases", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/records", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/records/edit", [StaffRoles.Dpo]),
        ("/office/dpia", [StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
        ("/office/licensing", [StaffRoles.DataTeam, StaffRoles.Dpo]),
        ("/office/knowledge", [StaffRoles.Dpo]),
        ("/office/knowledge/edit", [StaffRoles.Dpo]),
        ("/office/training", StaffRoles.All),
        ("/office/training/overview", [StaffRoles.Dpo]),
        ("/office/training/courses/edit", [StaffRoles.Dpo]),
        ("/office/chat", [StaffRoles.Operator, StaffRoles.Dpo]),
        ("/office/chat/hours", [StaffRoles.Dpo]),
        ("/office/reports", [StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor]),
    ];

    [Theory]
    [MemberData(nameof(StaffRoleData.Roles), MemberType = typeof(StaffRoleData))]
    public async Task Each_page_is_open_to_the_roles_that_need_it_and_refused_to_the_others(string role)
    {
        var browser = await App.StaffAsync(role);
        foreach (var (path, allowed) in Pages)
        {
            using var response = await browser.GetAsync(path);
            var expected = allowed.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} on {path}: expected {expected}, got {response.StatusCode}");
            if (expected == HttpStatusCode.Forbidden)
                Assert.Contains("Brak uprawnień", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admin_without_a_case_role_lands_on_the_account_page_and_sees_no_requests()
    {
        var browser = await App.StaffAsync(StaffRoles.Admin);
        using var list = await browser.GetAsync("/office");
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Equal("/office/account", list.Headers.Location!.OriginalString);
        using var detail = await browser.GetAsync("/office/requests/1");
        Assert.Equal(HttpStatusCode.Forbidden, detail.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_person_without_any_role_is_refused_everywhere_but_sign_out()
    {
        var browser = await App.StaffAsync();
        using var response = await browser.GetAsync("/office/account");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Two_factor_sign_in_is_set_up_with_an_authenticator_code_and_then_asked_for_at_every_sign_in()
    {
        var email = await App.CreateStaffAsync(StaffRoles.Operator);
        var browser = App.Browser();
        await App.SignInAsync(browser, email, DpoDeskApp.StaffPassword);

        var setup = await browser.GetStringAsync("/office/account/two-factor");
        var key = DpoDeskApp.SharedKeyOn(setup);
        Assert.Contains("<svg", setup, StringComparison.Ordinal);
        using (var wrong = await DpoDeskApp.PostFormAsync(browser, "/office/account/two-factor", [F("Code", "000000")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("Ten kod się nie zgadza", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var enabled = await DpoDeskApp.PostFormAsync(browser, "/office/account/two-factor", [F("Code", DpoDeskApp.TotpCode(key))]);
        var page = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("Zapisz kody odzyskiwania", page, StringComparison.Ordinal);
        var recoveryCodes = Regex.Matches(page, "<code>([^<]+)</code>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // Next time: the password alone is not enough.
        var next = App.Browser();
        using var password = await App.SignInAsync(next, email, DpoDeskApp.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/office/sign-in/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using (var notYet = await next.GetAsync("/office/account"))
            Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
        using (var wrong = await DpoDeskApp.PostFormAsync(next, "/office/sign-in/code", [F("Code", "123456")]))
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var code = await DpoDeskApp.PostFormAsync(next, "/office/sign-in/code", [F("Code", DpoDeskApp.TotpCode(key))]);
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/office/account")).StatusCode);

        // A recovery code works once.
        foreach (var expected in new[] { HttpStatusCode.Redirect, HttpStatusCode.BadRequest })
        {
            var other = App.Browser();
            await App.SignInAsync(other, email, DpoDeskApp.StaffPassword);
            using var recovery = await DpoDeskApp.PostFormAsync(other, "/office/sign-in/code", [F("Code", recoveryCodes[0])]);
            Assert.Equal(expected, recovery.StatusCode);
        }
    }

    [Fact]
    public async Task When_an_admin_requires_two_factor_sign_in_staff_without_it_can_only_set_it_up()
    {
        var admin = await App.SignedInStaffAsync();
        using (var on = await DpoDeskApp.PostFormAsync(admin, "/office/staff", [F("RequireTwoFactor", "true")], "/office/staff?handler=Security"))
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        try
        {
            var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
            foreach (var path in new[] { "/office", "/office/outbox", "/office/account" })
            {
                using var response = await operatorBrowser.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/office/account/two-factor", response.Headers.Location!.OriginalString);
            }
            var setup = await operatorBrowser.GetStringAsync("/office/account/two-factor");
            Assert.Contains("Administrator wymaga logowania dwuskładnikowego", setup, StringComparison.Ordinal);
            using var enabled = await DpoDeskApp.PostFormAsync(operatorBrowser, "/office/account/two-factor", [F("Code", DpoDeskApp.TotpCode(DpoDeskApp.SharedKeyOn(setup)))]);
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
            using var now = await operatorBrowser.GetAsync("/office/outbox");
            Assert.Equal(HttpStatusCode.OK, now.StatusCode);
        }
        finally
        {
            // The admin signed in with a password alone, so it too must now set up 2FA before the form: switch off directly.
            await App.QueryAsync(async db =>
            {
                await OfficeSettings.SetFlagAsync(db, OfficeSettings.RequireTwoFactor, false, CancellationToken.None);
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await App.CreateStaffAsync(StaffRoles.Operator);
        for (var i = 0; i < 5; i++)
            (await App.SignInAsync(App.Browser(), email, "Wrong-Password-1!")).Dispose();
        using var right = await App.SignInAsync(App.Browser(), email, DpoDeskApp.StaffPassword);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("Konto jest zablokowane", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_invites_by_e_mail_and_the_invited_person_sets_a_strong_password_once()
    {
        var admin = await App.SignedInStaffAsync();
        var email = $"nowa.{Guid.NewGuid():N}@staff.test";
        using (var invalid = await DpoDeskApp.PostFormAsync(admin, "/office/staff", [F("InviteEmail", "nie-adres"), F("InviteName", "")], "/office/staff?handler=Invite"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var html = await invalid.Content.ReadAsStringAsync();
            Assert.Contains("Podaj poprawny adres e-mail.", html, StringComparison.Ordinal);
            Assert.Contains("Zaznacz co najmniej jedną rolę.", html, StringComparison.Ordinal);
        }
        using var invited = await DpoDeskApp.PostFormAsync(admin, "/office/staff",
            [F("InviteEmail", email), F("InviteName", "Nowa Operatorka"), F("InviteRoles", StaffRoles.Operator), F("InviteRoles", StaffRoles.Lawyer)], "/office/staff?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        var message = await App.Smtp.WaitForAsync(email, "Zaproszenie");
        var link = Regex.Match(message.TextBody!, @"https://iod\.dpodesk\.test(/office/invitation\?\S+)").Groups[1].Value;
        var browser = App.Browser();
        // A link with the right account but a made-up token shows nothing about the account.
        using (var forged = await browser.GetAsync(Regex.Replace(link, "t=[^&]+", "t=forged")))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
            Assert.DoesNotContain(email, await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var weak = await DpoDeskApp.PostFormAsync(browser, link, [F("Password", "krotkie"), F("Repeat", "krotkie")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.Contains("Hasło musi mieć co najmniej 12 znaków.", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var set = await DpoDeskApp.PostFormAsync(browser, link, [F("Password", "Nowe-Haslo-Mocne-7"), F("Repeat", "Nowe-Haslo-Mocne-7")]))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        using (var again = await browser.GetAsync(link))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        using var signIn = await App.SignInAsync(browser, email, "Nowe-Haslo-Mocne-7");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/office/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/office/staff")).StatusCode);
    }

    [Fact]
    public async Task There_is_no_self_registration()
    {
        foreach (var path in new[] { "/office/register", "/Identity/Account/Register", "/office/invitation" })
        {
            using var response = await App.Browser().GetAsync(path);
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound });
        }
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_sessions_at_their_next_request()
    {
        var email = await App.CreateStaffAsync(StaffRoles.Operator);
        var laptop = App.Browser();
        var phone = App.Browser();
        await App.SignInAsync(laptop, email, DpoDeskApp.StaffPassword);
        await App.SignInAsync(phone, email, DpoDeskApp.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/office/account")).StatusCode);

        using var everywhere = await DpoDeskApp.PostFormAsync(laptop, "/office/account", [], "/office/account?handler=SignOutEverywhere");
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);

        using var after = await phone.GetAsync("/office/account");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/office/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_and_cannot_sign_in()
    {
        var email = await App.CreateStaffAsync(StaffRoles.Operator);
        var person = App.Browser();
        await App.SignInAsync(person, email, DpoDeskApp.StaffPassword);
        var admin = await App.SignedInStaffAsync();
        var id = await App.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email));

        using var disabled = await DpoDeskApp.PostFormAsync(admin, "/office/staff", [F("id", id.Id)], "/office/staff?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await person.GetAsync("/office/account")).StatusCode);
        using var again = await App.SignInAsync(App.Browser(), email, DpoDeskApp.StaffPassword);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Staff_actions_and_views_of_requests_are_on_the_audit_trail_which_is_intact()
    {
        var email = DpoDeskApp.UniqueEmail("audyt");
        var number = await App.SubmitAcceptedAsync(App.Browser(), new DpoDeskApp.RequestInput("Ala Audytowana", email));
        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        var list = await operatorBrowser.GetStringAsync("/office?q=" + Uri.EscapeDataString(number));
        var link = Regex.Match(list, $"href=\"(/office/requests/\\d+)\">{number}<").Groups[1].Value;
        await operatorBrowser.GetStringAsync(link);

        var auditor = await App.StaffAsync(StaffRoles.Auditor);
        var page = await auditor.GetStringAsync("/office/audit?subject=" + Uri.EscapeDataString("request:" + number));
        Assert.Contains("Łańcuch nienaruszony", page, StringComparison.Ordinal);
        Assert.Contains("request.viewed", page, StringComparison.Ordinal);
        Assert.Contains("operator", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ala Audytowana", page, StringComparison.Ordinal);
        Assert.DoesNotContain(email, page, StringComparison.Ordinal);
    }
}

public sealed class StaffTestsOnSqlite(SqliteApp app) : StaffTests<SqliteApp>(app);

public sealed class StaffTestsOnPostgres(PostgresApp app) : StaffTests<PostgresApp>(app);

public static class StaffRoleData
{
    public static TheoryData<string> Roles => new(StaffRoles.All);
}
