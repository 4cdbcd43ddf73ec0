using System.Globalization;
using System.Net;
using DpoDesk.Dpia;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace DpoDesk.Web.Tests;

/// <summary>A DPIA from screening to sign-off: the decision, the assessment, the risk map, versions and the PDF.</summary>
public abstract class DpiaTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    static async Task<long> ScreenAsync(HttpClient browser, string title, params string[] criteria)
    {
        using var screened = await DpoDeskApp.PostFormAsync(browser, "/office/dpia", [F("Title", title), .. criteria.Select(c => F("Criteria", c))]);
        Assert.Equal(HttpStatusCode.Redirect, screened.StatusCode);
        return long.Parse(screened.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_dpia_goes_from_screening_through_versions_to_sign_off_and_a_pdf()
    {
        var lawyer = await App.StaffAsync(StaffRoles.Lawyer);
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var id = await ScreenAsync(lawyer, "Łączenie baz z rejestrów publicznych", "LargeScale", "MatchingOrCombiningDatasets");
        var page = await lawyer.GetStringAsync($"/office/dpia/{id}");
        Assert.Contains("Ocena skutków jest potrzebna.", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);

        // Sign-off before the assessment is written is refused.
        using (var early = await DpoDeskApp.PostFormAsync(dpo, $"/office/dpia/{id}", [], $"/office/dpia/{id}?handler=SignOff"))
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        string[] ratings = ["4", "3", "2", "1", "3", "2", "2", "1", "4", "2", "2", "1"];
        using (var saved = await DpoDeskApp.PostFormAsync(lawyer, $"/office/dpia/{id}",
            [F("Description", "Łączenie danych z CEIDG i KRS w jedną bazę."), F("Purposes", "Marketing B2B."), F("Necessity", "Tylko dane służbowe."),
             .. ratings.Select(r => F("Ratings", r)), F("Measures", "Lista zastrzeżeń | IOD | 2027-01-31\nSzyfrowanie kopii | IT | 2027-02-28"), F("Opinion", "Ryzyko akceptowalne po wdrożeniu środków.")]))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var notLawyer = await DpoDeskApp.PostFormAsync(lawyer, $"/office/dpia/{id}", [], $"/office/dpia/{id}?handler=SignOff"))
            Assert.Equal(HttpStatusCode.Forbidden, notLawyer.StatusCode);
        using (var signed = await DpoDeskApp.PostFormAsync(dpo, $"/office/dpia/{id}", [], $"/office/dpia/{id}?handler=SignOff"))
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var versions = await App.QueryAsync(db => db.AssessmentVersions.Where(v => v.AssessmentId == id).OrderBy(v => v.Version).ToListAsync());
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Contains("Lista zastrzeżeń", versions[1].Snapshot, StringComparison.Ordinal);
        Assert.Contains("SignedOff", versions[2].Snapshot, StringComparison.Ordinal);
        var stored = await App.QueryAsync(db => db.Assessments.SingleAsync(a => a.Id == id));
        Assert.Equal(DpiaState.SignedOff, stored.State);
        Assert.Equal((4, 3), stored.Before(DpiaRisk.IllegitimateAccess));
        Assert.Equal((2, 1), stored.After(DpiaRisk.IllegitimateAccess));

        using var pdf = PdfDocument.Open(await lawyer.GetByteArrayAsync($"/office/dpia/{id}/pdf"));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Łączenie baz z rejestrów publicznych", text, StringComparison.Ordinal);
        Assert.Contains("przed 4/3, po środkach 2/1", text, StringComparison.Ordinal);
        Assert.Contains("Ryzyko akceptowalne", text, StringComparison.Ordinal);
        Assert.Contains("zatwierdzona", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_not_to_assess_despite_two_criteria_needs_reasons_and_is_recorded()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        using (var noReason = await DpoDeskApp.PostFormAsync(dpo, "/office/dpia", [F("Title", "Newsletter"), F("Criteria", "LargeScale"), F("Criteria", "SystematicMonitoring"), F("Decline", "true")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("trzeba uzasadnić", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var declined = await DpoDeskApp.PostFormAsync(dpo, "/office/dpia", [F("Title", "Newsletter"), F("Criteria", "LargeScale"), F("Criteria", "SystematicMonitoring"), F("Decline", "true"), F("Reason", "Ocena przeprowadzona dla całej bazy w 2025 r. obejmuje to przetwarzanie.")]);
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var id = long.Parse(declined.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var stored = await App.QueryAsync(db => db.Assessments.SingleAsync(a => a.Id == id));
        Assert.Equal(DpiaState.NotRequired, stored.State);
        Assert.Contains("obejmuje to przetwarzanie", stored.ScreeningReason, StringComparison.Ordinal);

        var one = await ScreenAsync(dpo, "Lista obecności", "LargeScale");
        Assert.Contains("Ocena skutków nie jest wymagana.", await dpo.GetStringAsync($"/office/dpia/{one}"), StringComparison.Ordinal);
    }
}

public sealed class DpiaTestsOnSqlite(SqliteApp app) : DpiaTests<SqliteApp>(app);

public sealed class DpiaTestsOnPostgres(PostgresApp app) : DpiaTests<PostgresApp>(app);
