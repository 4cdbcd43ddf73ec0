using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DpoDesk.Contacts;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>
/// Licensing end to end: licensees and licences made in the office, a dataset exported through the
/// guard, the Art. 19 notice when a person who was in it is erased — by e-mail and on the licensee's
/// own API feed — the recipients in the person's access reply, and deletion at the end of retention.
/// </summary>
public abstract partial class LicensingTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    static readonly Random Nips = new();

    static string NewNip()
    {
        lock (Nips)
            return DemoContacts.Nip(Nips);
    }

    [GeneratedRegex("<code id=\"api-key\">([^<]+)</code>")]
    private static partial Regex ApiKeyOnPage();

    async Task<(string Nip, string ContactEmail, string ApiKey)> AddLicenseeAsync(HttpClient staff, string company)
    {
        var nip = NewNip();
        var contact = DpoDeskApp.UniqueEmail("dane");
        using var response = await DpoDeskApp.PostFormAsync(staff, "/office/licensing",
            [F("Company", company), F("Nip", $"{nip[..3]}-{nip[3..6]}-{nip[6..8]}-{nip[8..]}"), F("ContactName", "Anna Klient"), F("ContactEmail", contact)],
            "/office/licensing?handler=Licensee");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return (nip, contact, ApiKeyOnPage().Match(html).Groups[1].Value);
    }

    async Task<(int Id, string Number)> AddLicenceAsync(HttpClient staff, string nip, DateOnly starts, DateOnly ends, string identifiers = "Hashed", string? sources = null)
    {
        var licenseeId = await App.QueryAsync(db => db.Licensees.Where(l => l.Nip == nip).Select(l => l.Id).SingleAsync());
        using var response = await DpoDeskApp.PostFormAsync(staff, "/office/licensing",
            [F("LicenseeId", licenseeId.ToString(System.Globalization.CultureInfo.InvariantCulture)), F("Purpose", "prospecting B2B"), F("Sources", sources ?? ""),
             F("StartsOn", starts.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), F("RetentionEndsOn", ends.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), F("NoticeIdentifiers", identifiers)],
            "/office/licensing?handler=Licence");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await App.QueryAsync(db => db.Licences.Where(l => l.LicenseeId == licenseeId).OrderByDescending(l => l.Id).Select(l => new ValueTuple<int, string>(l.Id, l.Number)).FirstAsync());
    }

    static DateOnly Today => DateOnly.FromDateTime(Requests.Deadlines.ToPolishLocal(DateTime.UtcNow));

    HttpClient Api(string? apiKey)
    {
        var client = App.CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    [Fact]
    public async Task A_licensee_that_received_a_record_is_told_of_its_erasure_by_email_and_on_its_feed_and_the_person_learns_who_received_it()
    {
        var email = DpoDeskApp.UniqueEmail("marta.wisniewska");
        var bystander = DpoDeskApp.UniqueEmail("inna.osoba");
        await App.ImportCsvAsync($"name,email,phone,company\nMarta Wiśniewska,{email},601 222 333,Budmax\nInna Osoba,{bystander},,Budmax\n");
        var data = await App.StaffAsync(StaffRoles.DataTeam);
        var (nipA, contactA, keyA) = await AddLicenseeAsync(data, "Kampanie Sp. z o.o.");
        var (nipB, contactB, keyB) = await AddLicenseeAsync(data, "Bez Eksportu S.A.");
        Assert.StartsWith("dpk_", keyA, StringComparison.Ordinal);
        var (licenceA, numberA) = await AddLicenceAsync(data, nipA, Today.AddDays(-1), Today.AddYears(1));
        await AddLicenceAsync(data, nipB, Today.AddDays(-1), Today.AddYears(1), identifiers: "Plain");

        using (var export = await DpoDeskApp.PostFormAsync(data, "/office/licensing", [F("LicenceId", licenceA.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/office/licensing?handler=Export"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
            var csv = await export.Content.ReadAsStringAsync();
            Assert.StartsWith("name,email,phone,company,nip,position,source,acquired_on", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Contains($"Marta Wiśniewska,{email},601 222 333,Budmax,,,CEIDG (test)", csv, StringComparison.Ordinal);
        }

        // The person asks for erasure and where the data came from.
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Marta Wiśniewska", email, Erase: true, Source: true));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number)));

        var reply = await App.Smtp.WaitForAsync(email, "zrealizowane");
        Assert.Contains($"Udostępniono: Kampanie Sp. z o.o. (NIP {nipA})", reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Bez Eksportu", reply.TextBody, StringComparison.Ordinal);

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)));
        var notice = await App.Smtp.WaitForAsync(contactA, "Art. 19");
        Assert.Contains(numberA, notice.Subject, StringComparison.Ordinal);
        Assert.Contains($"sha256-email:{sha}", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("sha256-phone:" + Convert.ToHexStringLower(SHA256.HashData("+48601222333"u8)), notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(email, notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(bystander, notice.TextBody, StringComparison.Ordinal);
        Assert.Empty(App.Smtp.To(contactB));

        // The feed: the right licensee sees the notice, another sees nothing, no key gets nothing.
        using var feedA = await Api(keyA).GetAsync("/api/licensee/notices?since=0");
        Assert.Equal(HttpStatusCode.OK, feedA.StatusCode);
        var json = JsonDocument.Parse(await feedA.Content.ReadAsStringAsync()).RootElement;
        var item = Assert.Single(json.GetProperty("notices").EnumerateArray());
        Assert.Equal("erasure", item.GetProperty("kind").GetString());
        Assert.Equal(numberA, item.GetProperty("licence").GetString());
        Assert.Equal(number, item.GetProperty("caseNumber").GetString());
        Assert.Contains($"sha256-email:{sha}", item.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("acknowledgedAt").ValueKind);
        var noticeId = item.GetProperty("id").GetInt64();
        Assert.Equal(noticeId, json.GetProperty("next").GetInt64());

        using var feedB = await Api(keyB).GetAsync("/api/licensee/notices?since=0");
        Assert.Empty(JsonDocument.Parse(await feedB.Content.ReadAsStringAsync()).RootElement.GetProperty("notices").EnumerateArray());
        using var anonymous = await Api(null).GetAsync("/api/licensee/notices");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrongKey = await Api("dpk_" + new string('x', 43)).GetAsync("/api/licensee/notices");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        using var badSince = await Api(keyA).GetAsync("/api/licensee/notices?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        using var later = await Api(keyA).GetAsync($"/api/licensee/notices?since={noticeId}");
        Assert.Empty(JsonDocument.Parse(await later.Content.ReadAsStringAsync()).RootElement.GetProperty("notices").EnumerateArray());

        // Acknowledged by its licensee only; another licensee cannot even learn it exists.
        using (var foreign = await Api(keyB).PostAsync($"/api/licensee/notices/{noticeId}/ack", null))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using (var ack = await Api(keyA).PostAsync($"/api/licensee/notices/{noticeId}/ack", null))
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.NotNull(await App.QueryAsync(db => db.LicenseeNotices.Where(n => n.Id == noticeId).Select(n => n.AcknowledgedAt).SingleAsync()));
        var page = WebUtility.HtmlDecode(await data.GetStringAsync("/office/licensing"));
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.DoesNotContain("jeszcze nie", page, StringComparison.Ordinal);

        var stored = await App.QueryAsync(db => db.Requests.Include(r => r.Events).SingleAsync(r => r.Number == number));
        Assert.Contains(numberA, Assert.Single(stored.Events, e => e.Kind == Requests.RequestEventKind.RecipientsNotified).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_retention_ends_the_licensee_is_reminded_once_and_its_attestation_is_recorded()
    {
        var data = await App.StaffAsync(StaffRoles.Dpo);
        var (nip, contact, key) = await AddLicenseeAsync(data, "Stare Dane Sp. z o.o.");
        var (licenceId, number) = await AddLicenceAsync(data, nip, Today.AddMonths(-6), Today.AddDays(-1));

        var reminder = await App.Smtp.WaitForAsync(contact, "Koniec okresu przechowywania");
        Assert.Contains(number, reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/api/licensee/licences/{number}/deletion", reminder.TextBody, StringComparison.Ordinal);

        // No export once retention has ended.
        using (var export = await DpoDeskApp.PostFormAsync(data, "/office/licensing", [F("LicenceId", licenceId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/office/licensing?handler=Export"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
            Assert.Contains("dziś nie można z niej eksportować", WebUtility.HtmlDecode(await export.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var empty = await Api(key).PostAsJsonAsync($"/api/licensee/licences/{number}/deletion", new { attestedBy = "" }))
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using (var attested = await Api(key).PostAsJsonAsync($"/api/licensee/licences/{number}/deletion", new { attestedBy = "Jan Nowak, prezes zarządu" }))
            Assert.Equal(HttpStatusCode.OK, attested.StatusCode);

        var licence = await App.QueryAsync(db => db.Licences.SingleAsync(l => l.Id == licenceId));
        Assert.NotNull(licence.DeletionAttestedAt);
        Assert.Equal("API: Jan Nowak, prezes zarządu", licence.DeletionAttestation);
        Assert.Contains("Jan Nowak, prezes zarządu", WebUtility.HtmlDecode(await data.GetStringAsync("/office/licensing")), StringComparison.Ordinal);
        Assert.Single(App.Smtp.To(contact));
    }

    [Fact]
    public async Task A_licensee_with_a_bad_nip_or_address_is_refused_with_the_reasons_and_nothing_is_added()
    {
        var data = await App.StaffAsync(StaffRoles.DataTeam);
        var before = await App.QueryAsync(db => db.Licensees.CountAsync());
        using var response = await DpoDeskApp.PostFormAsync(data, "/office/licensing",
            [F("Company", "Zła Firma"), F("Nip", "1234567890"), F("ContactName", "Ktoś"), F("ContactEmail", "nie-adres")], "/office/licensing?handler=Licensee");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("NIP musi mieć 10 cyfr z poprawną cyfrą kontrolną.", html, StringComparison.Ordinal);
        Assert.Contains("Podaj poprawny adres e-mail do zawiadomień.", html, StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => db.Licensees.CountAsync()));
    }

    [Fact]
    public async Task Records_under_review_do_not_leave_in_an_export_until_the_question_is_settled()
    {
        var oldAddress = DpoDeskApp.UniqueEmail("tadeusz.stary");
        var newAddress = DpoDeskApp.UniqueEmail("tadeusz.nowy");
        var phone = $"60{Random.Shared.Next(1_000_000, 9_999_999)}";
        await App.ImportCsvAsync($"name,email,phone\nTadeusz Przegląd,{oldAddress},{phone}\n", source: "Przegląd " + phone);
        var browser = App.Browser();
        // The same phone and name with another e-mail: the rules do not settle it, an operator will.
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Tadeusz Przegląd", newAddress, phone, Erase: true));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(newAddress, number)));
        await App.WaitForStateAsync(number, Requests.RequestState.NeedsReview);

        Assert.True(await App.QueryAsync(db => db.Contacts.Where(c => c.EmailNormalized == oldAddress).Select(c => c.Restricted).SingleAsync()));
        var staff = await App.StaffAsync(StaffRoles.Dpo);
        var (nip, _, _) = await AddLicenseeAsync(staff, "Przegląd " + phone);
        var (licenceId, _) = await AddLicenceAsync(staff, nip, Today, Today.AddMonths(1), sources: "Przegląd " + phone);
        using (var export = await DpoDeskApp.PostFormAsync(staff, "/office/licensing", [F("LicenceId", licenceId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/office/licensing?handler=Export"))
            Assert.DoesNotContain(oldAddress, await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var path = $"/office/requests/{await App.RequestIdAsync(number)}";
        using (var refused = await DpoDeskApp.PostFormAsync(staff, path, [F("Ground", "Unfounded"), F("Reason", "Ten numer należy do kogoś innego.")], path + "?handler=Refuse"))
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.False(await App.QueryAsync(db => db.Contacts.Where(c => c.EmailNormalized == oldAddress).Select(c => c.Restricted).SingleAsync()));
    }

    [Fact]
    public async Task The_command_line_imports_filters_suppresses_rotates_and_exports_on_the_same_base()
    {
        var folder = Path.Combine(App.DataPath, "cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var tag = Guid.NewGuid().ToString("N")[..8];
        string Mail(string name) => $"{name}.{tag}@cli.example";
        var contacts = Path.Combine(folder, "kontakty.csv");
        await File.WriteAllTextAsync(contacts, $"Osoba;Poczta;Tel\nAdam Nowy;{Mail("adam")};\nBeata Robinson;{Mail("beata")};609 876 543\nZły Wiersz;{Mail("zly")}@;\n", TestContext.Current.CancellationToken);

        var import = await App.RunCliAsync("import", contacts, "--source", "Plik CLI " + tag, "--map", "name=Osoba,email=Poczta,phone=Tel");
        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("imported 2", import.Output, StringComparison.Ordinal);
        Assert.Contains("invalid e-mail: lines 4", import.Output, StringComparison.Ordinal);
        Assert.Contains(Mail("zly"), await File.ReadAllTextAsync(contacts + ".rejects.csv", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var again = await App.RunCliAsync("import", contacts, "--source", "Plik CLI " + tag, "--map", "name=Osoba,email=Poczta,phone=Tel");
        Assert.Contains("imported 0, merged 2", again.Output, StringComparison.Ordinal);

        var list = Path.Combine(folder, "robinson.txt");
        await File.WriteAllTextAsync(list, "# numery, które nie chcą telefonów\n+48 609 876 543\nto nie numer\n", TestContext.Current.CancellationToken);
        var suppress = await App.RunCliAsync("suppress", "import", list, "--kind", "external", "--list", "Robinson " + tag);
        Assert.True(suppress.ExitCode == 0, suppress.Output);
        Assert.Contains("added 1", suppress.Output, StringComparison.Ordinal);
        Assert.Contains("lines 3", suppress.Output, StringComparison.Ordinal);

        var campaign = Path.Combine(folder, "kampania.csv");
        await File.WriteAllTextAsync(campaign, $"email,phone\n{Mail("adam")},\n,+48609876543\n", TestContext.Current.CancellationToken);
        foreach (var step in new[] { "before", "after rotation" })
        {
            var filtered = Path.Combine(folder, $"filtered-{step.Replace(' ', '-')}.csv");
            var guard = await App.RunCliAsync("guard", campaign, filtered);
            Assert.True(guard.ExitCode == 0, guard.Output);
            Assert.Equal($"email,phone\n{Mail("adam")},\n", await File.ReadAllTextAsync(filtered, TestContext.Current.CancellationToken));
            if (step == "before")
            {
                var rotate = await App.RunCliAsync("suppress", "rotate-secret");
                Assert.True(rotate.ExitCode == 0, rotate.Output);
            }
        }

        // Export under a licence: the listed person is withheld, and the running web host, which loaded
        // the secret before the rotation, still keeps her out.
        var staff = await App.StaffAsync(StaffRoles.DataTeam);
        var (nip, _, _) = await AddLicenseeAsync(staff, "Klient CLI " + tag);
        var (_, number) = await AddLicenceAsync(staff, nip, Today, Today.AddMonths(3), sources: "Plik CLI " + tag);
        var output = Path.Combine(folder, "zbior.csv");
        var export = await App.RunCliAsync("export", "--licence", number, "--out", output);
        Assert.True(export.ExitCode == 0, export.Output);
        Assert.Contains("Exported 1 records", export.Output, StringComparison.Ordinal);
        Assert.Contains("withheld 1", export.Output, StringComparison.Ordinal);
        var exported = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
        Assert.Contains(Mail("adam"), exported, StringComparison.Ordinal);
        Assert.DoesNotContain(Mail("beata"), exported, StringComparison.Ordinal);

        var missing = await App.RunCliAsync("import", contacts);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--source", missing.Output, StringComparison.Ordinal);
    }
}

public sealed class LicensingTestsOnSqlite(SqliteApp app) : LicensingTests<SqliteApp>(app);

public sealed class LicensingTestsOnPostgres(PostgresApp app) : LicensingTests<PostgresApp>(app);
