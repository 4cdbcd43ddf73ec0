using System.Net;
using System.Text;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>
/// Random and hostile input at every public endpoint: overlong strings, broken UTF-8, control
/// characters, header injection, SQL and script fragments. No 500, nothing stored from a rejected
/// form, no header smuggled into an e-mail. Seeded, so a failure replays.
/// </summary>
public sealed class FuzzTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    const int Seed = 20261204;

    static readonly string[] Hostile =
    [
        "' OR 1=1 --", "\"; DROP TABLE requests; --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "Jan\r\nBcc: victim@firma.example", "x@firma.example\r\nBcc: victim@firma.example", "%0d%0aBcc:victim@firma.example",
        "\u202Enazwisko", "\uFEFF", "\uD800", "../../etc/passwd", "${jndi:ldap://x}", "{{7*7}}", "\t\v\f", "\u0001\u0002\u001b[31m",
        "Zażółć gęślą jaźń", "🙂🙂🙂", "IOD/2026/000001", "null", "-1", "+48 601 234 567", "601234567", "jan@firma.example",
    ];

    static string RandomValue(Random random) => random.Next(6) switch
    {
        0 => Hostile[random.Next(Hostile.Length)],
        1 => new string((char)random.Next(0x20, 0x7f), random.Next(0, 5000)),
        2 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(1, 0xD7FF))),
        3 => Hostile[random.Next(Hostile.Length)] + Hostile[random.Next(Hostile.Length)],
        4 => $"fuzz{random.Next()}@firma.example",
        _ => string.Empty,
    };

    [Fact]
    public async Task Random_hostile_forms_never_cause_a_500_nor_store_a_rejected_request()
    {
        var random = new Random(Seed);
        var browser = app.Browser();
        for (var i = 0; i < 150; i++)
        {
            var form = await browser.GetStringAsync("/");
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
                new("SubmissionKey", random.Next(4) == 0 ? RandomValue(random) : DpoDeskApp.HiddenValue(form, "SubmissionKey")),
                new("Started", DpoDeskApp.HiddenValue(form, "Started")),
                new("FullName", RandomValue(random)),
                new("Email", RandomValue(random)),
                new("Phone", RandomValue(random)),
            };
            foreach (var box in new[] { "Erase", "Source", "StopSharing" })
            {
                if (random.Next(2) == 0)
                    fields.Add(new(box, random.Next(3) == 0 ? RandomValue(random) : "true"));
            }
            var before = await app.QueryAsync(db => db.Requests.CountAsync());
            using var response = await browser.PostAsync("/", new FormUrlEncodedContent(fields));
            var after = await app.QueryAsync(db => db.Requests.CountAsync());

            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"case {i}: {response.StatusCode}");
            Assert.Equal(response.StatusCode == HttpStatusCode.Redirect ? before + 1 : before, after);
        }
    }

    [Fact]
    public async Task Broken_utf8_and_raw_bytes_in_a_form_get_a_clear_answer()
    {
        var browser = app.Browser();
        var form = await browser.GetStringAsync("/");
        var token = Uri.EscapeDataString(DpoDeskApp.AntiforgeryToken(form));
        var bodies = new[]
        {
            Encoding.ASCII.GetBytes($"__RequestVerificationToken={token}&FullName=%FF%FE%C3%28&Email=a%C0%80@b.pl&Erase=true"),
            [.. Encoding.ASCII.GetBytes($"__RequestVerificationToken={token}&FullName="), 0xFF, 0xC3, 0x28, .. "&Email=x@y.pl&Erase=true"u8.ToArray()],
            Encoding.ASCII.GetBytes($"__RequestVerificationToken={token}&FullName=%&Email=%%%&Erase=%ZZ"),
        };
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/x-www-form-urlencoded");
            using var response = await browser.PostAsync("/", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("<html lang=\"pl\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_addresses_and_queries_never_cause_a_500()
    {
        var random = new Random(Seed);
        var browser = app.Browser();
        string[] templates = ["/potwierdz/{0}", "/jezyk/{0}?wroc={0}", "/wyslano?numer={0}", "/status?{0}={0}", "/blad/{0}", "/office/sign-in?returnUrl={0}", "/{0}"];
        for (var i = 0; i < 200; i++)
        {
            var raw = RandomValue(random).Replace("\0", "", StringComparison.Ordinal);
            var value = Uri.EscapeDataString(raw[..Math.Min(1500, raw.Length)]);
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], value);
            using var response = await browser.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"GET {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_name_or_address_with_header_injection_adds_no_header_to_the_email()
    {
        var email = DpoDeskApp.UniqueEmail("naglowki");
        var browser = app.Browser();

        // Line breaks are control characters: refused in every field, so nothing is sent.
        using (var withBreaks = await app.SubmitAsync(browser, new DpoDeskApp.RequestInput("Jan\r\nBcc: victim@firma.example\r\nSubject: wygrana", email)))
            Assert.Equal(HttpStatusCode.BadRequest, withBreaks.StatusCode);

        // Header-looking text without them is only text, and stays in the body.
        var number = await app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Jan Bcc: victim@firma.example Subject: wygrana", email));
        var message = await app.Smtp.WaitForAsync(email, number);
        Assert.Single(message.To.Mailboxes);
        Assert.Empty(message.Bcc);
        Assert.Equal($"Potwierdź zgłoszenie {number}", message.Subject);
        Assert.DoesNotContain(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "victim@firma.example"));

        using var injected = await app.SubmitAsync(browser, new DpoDeskApp.RequestInput("Jan", "x@firma.example\r\nBcc: victim@firma.example"));
        Assert.Equal(HttpStatusCode.BadRequest, injected.StatusCode);
    }
}
