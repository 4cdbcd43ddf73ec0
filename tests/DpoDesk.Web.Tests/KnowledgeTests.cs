using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The knowledge base: Markdown written in the office, sanitised, versioned, published, read in two languages, and the licensees' guide as PDF.</summary>
public abstract partial class KnowledgeTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    static string NewSlug() => "test-" + Guid.NewGuid().ToString("N")[..12];

    static async Task SaveAsync(HttpClient dpo, string slug, string language, string title, string markdown, bool isNew, string audience = "Public")
    {
        var page = isNew ? "/office/knowledge/edit" : $"/office/knowledge/edit/{slug}?language={language}";
        using var saved = await DpoDeskApp.PostFormAsync(dpo, page,
            [F("Slug", slug), F("Language", language), F("Audience", audience), F("Title", title), F("Markdown", markdown)],
            isNew ? "/office/knowledge/edit" : $"/office/knowledge/edit/{slug}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    /// <summary>Publishes the newest unpublished version shown on the edit page of that language.</summary>
    static async Task PublishNewestAsync(HttpClient dpo, string slug, string language)
    {
        var page = await dpo.GetStringAsync($"/office/knowledge/edit/{slug}?language={language}");
        var versionId = VersionIdPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(versionId);
        using var published = await DpoDeskApp.PostFormAsync(dpo, $"/office/knowledge/edit/{slug}?language={language}", [F("VersionId", versionId)], $"/office/knowledge/edit/{slug}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
    }

    static string Today() => DateTime.UtcNow.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("pl-PL"));

    [Fact]
    public async Task Script_event_handlers_and_javascript_links_in_the_markdown_never_reach_the_public_page()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var slug = NewSlug();
        const string markdown = """
            ## Bezpieczeństwo

            <script>alert('x')</script>

            <img src="x" onerror="alert(1)">

            [Kliknij](javascript:alert(1)) albo [stronę UODO](https://uodo.gov.pl) i **ważne** słowo.
            """;
        await SaveAsync(dpo, slug, "pl", "Test bezpieczeństwa", markdown, isNew: true);

        var preview = await (await DpoDeskApp.PostFormAsync(dpo, $"/office/knowledge/edit/{slug}", [F("Language", "pl"), F("Audience", "Public"), F("Title", "Podgląd"), F("Markdown", markdown)], $"/office/knowledge/edit/{slug}?handler=Preview")).Content.ReadAsStringAsync();
        await PublishNewestAsync(dpo, slug, "pl");
        var page = await App.Browser().GetStringAsync($"/wiedza/{slug}");

        foreach (var html in new[] { page, preview })
        {
            var body = html[html.IndexOf("class=\"article-body\"", StringComparison.Ordinal)..];
            Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"<[^>]+\son\w+\s*=", body);
            Assert.DoesNotContain("href=\"javascript:", body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<strong>ważne</strong>", body, StringComparison.Ordinal);
            Assert.Contains("<a href=\"https://uodo.gov.pl\">stronę UODO</a>", body, StringComparison.Ordinal);
            Assert.Contains("<h2>Bezpieczeństwo</h2>", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_save_is_a_version_and_the_public_sees_only_the_newest_published_one_with_its_date()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var slug = NewSlug();
        await SaveAsync(dpo, slug, "pl", "Ile to trwa (test)", "Odpowiadamy w **72 godziny**.", isNew: true);
        var visitor = App.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/wiedza/{slug}")).StatusCode);

        await PublishNewestAsync(dpo, slug, "pl");
        var first = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/wiedza/{slug}"));
        Assert.Contains("72 godziny", first, StringComparison.Ordinal);
        Assert.Contains($"Opublikowano {Today()} (wersja 1)", first, StringComparison.Ordinal);

        await SaveAsync(dpo, slug, "pl", "Ile to trwa (test)", "Odpowiadamy w **kilka sekund**.", isNew: false);
        var unpublished = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/wiedza/{slug}"));
        Assert.Contains("72 godziny", unpublished, StringComparison.Ordinal);
        Assert.DoesNotContain("kilka sekund", unpublished, StringComparison.Ordinal);

        var history = WebUtility.HtmlDecode(await dpo.GetStringAsync($"/office/knowledge/edit/{slug}?language=pl&version=2"));
        Assert.Contains("Opublikuj wersję 2", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Opublikuj wersję 1", history, StringComparison.Ordinal);
        Assert.Contains("− Odpowiadamy w **72 godziny**.", history, StringComparison.Ordinal);
        Assert.Contains("+ Odpowiadamy w **kilka sekund**.", history, StringComparison.Ordinal);

        await PublishNewestAsync(dpo, slug, "pl");
        var second = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/wiedza/{slug}"));
        Assert.Contains("kilka sekund", second, StringComparison.Ordinal);
        Assert.Contains("(wersja 2)", second, StringComparison.Ordinal);

        var audited = await App.QueryAsync(db => db.AuditEvents.Where(e => e.Subject == "article:" + slug).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, audited.Count(a => a == "knowledge.saved"));
        Assert.Equal(2, audited.Count(a => a == "knowledge.published"));
    }

    [Fact]
    public async Task The_reader_gets_their_language_or_the_other_one_with_a_note()
    {
        var visitor = App.Browser();
        var polish = WebUtility.HtmlDecode(await visitor.GetStringAsync("/wiedza/twoje-prawa"));
        Assert.Contains("Twoje prawa i jak z nich skorzystać", polish, StringComparison.Ordinal);
        Assert.Contains("Telefonicznie zgłoszeń nie przyjmujemy", polish, StringComparison.Ordinal);
        var english = WebUtility.HtmlDecode(await visitor.GetStringAsync("/wiedza/twoje-prawa?lang=en"));
        Assert.Contains("Your rights and how to use them", english, StringComparison.Ordinal);
        Assert.Contains("Published ", english, StringComparison.Ordinal);
        var index = WebUtility.HtmlDecode(await visitor.GetStringAsync("/wiedza?lang=en"));
        Assert.Contains("How to reach the Data Protection Officer", index, StringComparison.Ordinal);
        Assert.Contains("iod@dpodesk.local", WebUtility.HtmlDecode(await visitor.GetStringAsync("/wiedza/kontakt-z-iod")), StringComparison.Ordinal);

        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var slug = NewSlug();
        await SaveAsync(dpo, slug, "pl", "Tylko po polsku", "Treść polska.", isNew: true);
        await PublishNewestAsync(dpo, slug, "pl");
        var fallback = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/wiedza/{slug}?lang=en"));
        Assert.Contains("This text has no English version yet", fallback, StringComparison.Ordinal);
        Assert.Contains("Treść polska.", fallback, StringComparison.Ordinal);
        Assert.Contains("<article lang=\"pl\">", fallback, StringComparison.Ordinal);

        await SaveAsync(dpo, slug, "en", "English only now", "English text.", isNew: false);
        await PublishNewestAsync(dpo, slug, "en");
        var translated = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/wiedza/{slug}?lang=en"));
        Assert.Contains("English text.", translated, StringComparison.Ordinal);
        Assert.DoesNotContain("no English version", translated, StringComparison.Ordinal);
        Assert.Contains("Treść polska.", WebUtility.HtmlDecode(await visitor.GetStringAsync($"/wiedza/{slug}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_licensees_guide_downloads_as_a_pdf_with_its_polish_letters()
    {
        var visitor = App.Browser();
        var page = await visitor.GetStringAsync("/wiedza/przewodnik-dla-licencjobiorcow");
        Assert.Contains("href=\"/wiedza/przewodnik-dla-licencjobiorcow.pdf\"", page, StringComparison.Ordinal);

        using var response = await visitor.GetAsync("/wiedza/przewodnik-dla-licencjobiorcow.pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = DpoDeskApp.PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Przewodnik dla licencjobiorców: jak zgodnie z prawem korzystać z danych", text, StringComparison.Ordinal);
        Assert.Contains("Prawo komunikacji elektronicznej (art. 398)", text, StringComparison.Ordinal);
        Assert.Contains("uprzedniej zgody", text, StringComparison.Ordinal);
        Assert.Contains("GET /api/licensee/notices?since=0", text, StringComparison.Ordinal);
        Assert.Contains("najpóźniej przy pierwszym kontakcie", text, StringComparison.Ordinal);
        Assert.Contains("• wysyłanie niezamówionej", text, StringComparison.Ordinal);
        Assert.Contains("Opublikowano", text, StringComparison.Ordinal);

        var english = DpoDeskApp.PdfText(await visitor.GetByteArrayAsync("/wiedza/przewodnik-dla-licencjobiorcow.pdf?lang=en"));
        Assert.Contains("Licensees' guide", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/wiedza/nie-ma-takiego.pdf")).StatusCode);
    }

    [Fact]
    public async Task An_article_without_a_title_or_with_a_bad_address_is_refused_with_a_message_and_not_saved()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        using var bad = await DpoDeskApp.PostFormAsync(dpo, "/office/knowledge/edit",
            [F("Slug", "Zły Adres!"), F("Language", "pl"), F("Audience", "Public"), F("Title", ""), F("Markdown", "Treść")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Podaj tytuł.", html, StringComparison.Ordinal);
        Assert.Contains("tylko małe litery", html, StringComparison.Ordinal);
        Assert.False(await App.QueryAsync(db => db.Articles.AnyAsync(a => a.Slug == "Zły Adres!")));

        using var taken = await DpoDeskApp.PostFormAsync(dpo, "/office/knowledge/edit",
            [F("Slug", "twoje-prawa"), F("Language", "pl"), F("Audience", "Public"), F("Title", "Podróbka"), F("Markdown", "Treść")]);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("już istnieje", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await App.QueryAsync(db => db.ArticleVersions.AnyAsync(v => v.Title == "Podróbka")));
    }

    [GeneratedRegex("name=\"VersionId\" value=\"(\\d+)\"")]
    private static partial Regex VersionIdPattern();
}

public sealed class KnowledgeTestsOnSqlite(SqliteApp app) : KnowledgeTests<SqliteApp>(app);

public sealed class KnowledgeTestsOnPostgres(PostgresApp app) : KnowledgeTests<PostgresApp>(app);
