using System.Net;
using System.Text.RegularExpressions;
using DpoDesk.Records;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace DpoDesk.Web.Tests;

/// <summary>The record of processing activities: pre-filled, exported, edited, and the source of the access reply.</summary>
public abstract class RecordTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    [Fact]
    public async Task The_platforms_own_activities_are_there_and_export_as_csv_and_pdf_with_every_article_30_column()
    {
        var auditor = await App.StaffAsync(StaffRoles.Auditor);
        var csv = await auditor.GetStringAsync("/office/records.csv");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"Nazwa czynności\",\"Cele przetwarzania\",\"Podstawa prawna\",\"Kategorie osób\",\"Kategorie danych\",\"Kategorie odbiorców\",\"Przekazania do państw trzecich\",\"Terminy usunięcia\",\"Środki bezpieczeństwa\"", lines[0]);
        Assert.True(lines.Length >= 5);
        Assert.Contains(lines, l => l.StartsWith("\"Baza kontaktów biznesowych\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"Obsługa żądań osób, których dane dotyczą\"", StringComparison.Ordinal));

        using var pdf = PdfDocument.Open(await auditor.GetByteArrayAsync("/office/records.pdf"));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Rejestr czynności przetwarzania", text, StringComparison.Ordinal);
        Assert.Contains("Licencjonowanie", text, StringComparison.Ordinal);
        Assert.Contains("Terminy usunięcia:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_access_reply_takes_purposes_recipients_and_retention_from_the_record()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var id = await App.QueryAsync(db => db.ProcessingActivities.Where(a => a.Key == RecordOfProcessing.ContactBase).Select(a => a.Id).SingleAsync());
        var page = await dpo.GetStringAsync($"/office/records/edit/{id}");
        var values = Regex.Matches(page, "<textarea id=\"v\\d\"[^>]*>([^<]*)</textarea>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(9, values.Count);
        values[7] = "do sprzeciwu, najdłużej 4 lata (zmienione w rejestrze)";
        using (var saved = await DpoDeskApp.PostFormAsync(dpo, $"/office/records/edit/{id}", values.Select(v => new KeyValuePair<string, string>("Values", v))))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var email = DpoDeskApp.UniqueEmail("dostepowa");
        await App.ImportCsvAsync($"name,email\nDorota Dostępowa,{email}\n");
        var browser = App.Browser();
        var number = await App.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Dorota Dostępowa", email, Erase: false, Source: true));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await App.Smtp.WaitForAsync(email, number)));
        var result = await App.Smtp.WaitForAsync(email, "zrealizowane");
        Assert.Contains("JAK PRZETWARZAMY TWOJE DANE", result.TextBody, StringComparison.Ordinal);
        Assert.Contains("do sprzeciwu, najdłużej 4 lata (zmienione w rejestrze)", result.TextBody, StringComparison.Ordinal);
        Assert.Contains("licencjobiorcy", result.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_dpo_keeps_the_record_and_every_column_is_required()
    {
        var lawyer = await App.StaffAsync(StaffRoles.Lawyer);
        Assert.Equal(HttpStatusCode.OK, (await lawyer.GetAsync("/office/records")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lawyer.GetAsync("/office/records/edit")).StatusCode);

        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var before = await App.QueryAsync(db => db.ProcessingActivities.CountAsync());
        using var incomplete = await DpoDeskApp.PostFormAsync(dpo, "/office/records/edit", [new("Values", "Rekrutacja"), new("Values", "nabór pracowników")]);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("Wypełnij wszystkie kolumny rejestru", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await App.QueryAsync(db => db.ProcessingActivities.CountAsync()));
    }
}

public sealed class RecordTestsOnSqlite(SqliteApp app) : RecordTests<SqliteApp>(app);

public sealed class RecordTestsOnPostgres(PostgresApp app) : RecordTests<PostgresApp>(app);
