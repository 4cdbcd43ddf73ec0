using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The front page's "today" panel, the reports page, the annual DPO report and the lists' CSV exports, on known data.</summary>
public abstract partial class ReportTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReportSeed.SeedAsync(App, DateTime.UtcNow);
    }

    static string[] Row(List<string[]> rows, string name) => rows.Single(r => r[0] == name);

    [Fact]
    public async Task The_reports_page_shows_the_years_figures_in_charts_and_tables()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var html = await dpo.GetStringAsync($"/office/reports?rok={ReportSeed.Year}");

        // Nine charts, each an image with a title and a description.
        Assert.Equal(9, Regex.Count(html, "<svg [^>]*role=\"img\" aria-labelledby=\"[a-z-]+-title [a-z-]+-desc\""));
        Assert.Contains("<title id=\"requests-type-title\">Zgłoszenia miesięcznie według rodzaju</title>", html, StringComparison.Ordinal);

        var types = ReportSeed.TableRows(html, "t-requests-type");
        Assert.Equal(13, types.Count);
        Assert.Equal(["styczeń", "2", "1", "0", "2"], Row(types, "styczeń"));
        Assert.Equal(["luty", "0", "0", "1", "1"], Row(types, "luty"));
        Assert.Equal(["listopad", "1", "0", "0", "1"], Row(types, "listopad"));
        Assert.Equal(["grudzień", "0", "0", "0", "0"], Row(types, "grudzień"));
        // The expired request and the one never confirmed are not requests to answer.
        Assert.Equal(["Razem", "5", "2", "1", "7"], Row(types, "Razem"));
        Assert.Equal(["Razem", "4", "3"], Row(ReportSeed.TableRows(html, "t-requests-channel"), "Razem"));
        Assert.Equal(["marzec", "0", "1"], Row(ReportSeed.TableRows(html, "t-requests-found"), "marzec"));
        Assert.Equal(["Razem", "3", "2"], Row(ReportSeed.TableRows(html, "t-requests-found"), "Razem"));

        var time = ReportSeed.TableRows(html, "t-time-to-result");
        Assert.Equal([["do 1 h", "1"], ["1–24 h", "1"], ["24–72 h", "1"], ["3–7 dni", "1"], ["7–30 dni", "1"], ["ponad 30 dni", "1"], ["Razem", "6"], ["w ciągu 72 godzin", "3 (50,0 %)"]], time);

        var compliance = ReportSeed.TableRows(html, "t-compliance");
        Assert.Equal(["odpowiedź w terminie", "5", "71,4 %"], Row(compliance, "odpowiedź w terminie"));
        Assert.Equal(["odpowiedź po terminie", "1", "14,3 %"], Row(compliance, "odpowiedź po terminie"));
        Assert.Equal(["otwarte, w terminie", "0", "0,0 %"], Row(compliance, "otwarte, w terminie"));
        Assert.Equal(["otwarte, po terminie", "1", "14,3 %"], Row(compliance, "otwarte, po terminie"));

        var inquiries = ReportSeed.TableRows(html, "t-inquiries");
        Assert.Equal(["styczeń", "2", "1"], Row(inquiries, "styczeń"));
        Assert.Equal(["Razem", "3", "2"], Row(inquiries, "Razem"));

        var letters = ReportSeed.TableRows(html, "t-regulator-letters");
        Assert.Equal(["luty", "1", "1"], Row(letters, "luty"));
        Assert.Equal(["Razem", "2", "2"], Row(letters, "Razem"));
        var outcomes = ReportSeed.TableRows(html, "t-regulator-outcomes");
        Assert.Equal(["umorzenie postępowania", "1"], outcomes[0]);
        Assert.Equal(["Razem", "1"], Row(outcomes, "Razem"));
        Assert.Contains("Sprawy wszczęte: 2, zamknięte: 1; pisma od UODO: 2, odpowiedzi: 2; odpowiedzi po terminie: 1.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        var breaches = ReportSeed.TableRows(html, "t-breaches");
        Assert.Equal([["waga: niska", "0"], ["waga: średnia", "1"], ["waga: wysoka", "0"], ["waga: bardzo wysoka", "1"], ["Razem", "2"],
            ["zgłoszone Prezesowi UODO", "2"], ["zawiadomione osoby", "1"], ["decyzja w ciągu 72 godzin", "1"], ["bez decyzji", "0"]], breaches);

        var registers = ReportSeed.TableRows(html, "t-registers");
        Assert.Equal(["oceny skutków (DPIA)", "2"], Row(registers, "oceny skutków (DPIA)"));
        Assert.Equal(["zatwierdzone w okresie", "1"], Row(registers, "zatwierdzone w okresie"));
        var activities = await App.QueryAsync(db => db.ProcessingActivities.CountAsync());
        Assert.Equal(["czynności w rejestrze (art. 30)", activities.ToString(System.Globalization.CultureInfo.InvariantCulture)], Row(registers, "czynności w rejestrze (art. 30)"));

        // A part of the year.
        var spring = await dpo.GetStringAsync($"/office/reports?rok={ReportSeed.Year}&od=3&do=4");
        var springTypes = ReportSeed.TableRows(spring, "t-requests-type");
        Assert.Equal(3, springTypes.Count);
        Assert.Equal(["Razem", "2", "1", "0", "3"], Row(springTypes, "Razem"));

        // No person's data anywhere in the report.
        Assert.DoesNotContain("@firma.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("IOD/2025/99", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_training_in_the_report_is_the_dpos_overview_on_the_day_with_the_courses_passed_in_the_year()
    {
        // An operator passed the course in June of the report's year: a year on, it has run out.
        var email = await App.CreateStaffAsync(StaffRoles.Operator);
        var passedAt = new DateTime(ReportSeed.Year, 6, 2, 9, 0, 0, DateTimeKind.Utc);
        var assigned = await App.QueryAsync(async db =>
        {
            var course = await db.Courses.SingleAsync(c => c.Title == DpoDesk.Training.TrainingSeed.FirstCourse(passedAt).Title);
            var staff = await DpoDesk.Training.TrainingDesk.StaffAsync(db, DateTime.UtcNow, CancellationToken.None);
            var person = staff.Single(p => p.Email == email);
            var completion = await DpoDesk.Training.TrainingDesk.RecordAsync(db, course, person, [.. course.Questions().Select(q => q.Correct)], passedAt, CancellationToken.None);
            Assert.True(completion.Passed);
            return staff.Count(p => DpoDesk.Training.TrainingDesk.IsAssignedTo(course, p.Roles));
        });

        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var html = await dpo.GetStringAsync($"/office/reports?rok={ReportSeed.Year}");

        var training = ReportSeed.TableRows(html, "t-training");
        Assert.Equal(["kursy", "1"], Row(training, "kursy"));
        // The DPO who reads the report holds an assigned role too.
        Assert.Equal(["przypisania (osoba i kurs)", (assigned + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], Row(training, "przypisania (osoba i kurs)"));
        Assert.Equal(["szkolenie ważne", "0"], Row(training, "szkolenie ważne"));
        Assert.Equal(["po terminie odnowienia", "1"], Row(training, "po terminie odnowienia"));
        Assert.Equal(["nigdy nieodbyte", assigned.ToString(System.Globalization.CultureInfo.InvariantCulture)], Row(training, "nigdy nieodbyte"));
        Assert.Equal(["kursy zaliczone w okresie", "1"], Row(training, "kursy zaliczone w okresie"));
        var pdf = DpoDeskApp.PdfText(await dpo.GetByteArrayAsync($"/office/reports/annual/{ReportSeed.Year}.pdf"));
        Assert.Contains("Szkolenia pracowników (art. 39 ust. 1 lit. b RODO)", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_period_is_said_and_the_current_year_shown()
    {
        var lawyer = await App.StaffAsync(StaffRoles.Lawyer);
        foreach (var query in new[] { "rok=abc", "rok=1999", "rok=2025&od=5&do=2", "od=13" })
        {
            using var response = await lawyer.GetAsync("/office/reports?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Wybierz rok od 2000 do 2100", html, StringComparison.Ordinal);
            Assert.Contains($"rok {DpoDesk.Requests.Deadlines.PolishDate(DateTime.UtcNow).Year}", html, StringComparison.Ordinal);
        }
        using var pdf = await lawyer.GetAsync("/office/reports/annual/1999.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.Contains("Wybierz rok od 2000 do 2100.", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // In English, when the language was switched.
        using (await lawyer.GetAsync("/jezyk/en"))
        {
        }
        var english = WebUtility.HtmlDecode(await lawyer.GetStringAsync($"/office/reports?rok={ReportSeed.Year}"));
        Assert.Contains("<h2 id=\"h-requests\">Data subjects' requests</h2>", english, StringComparison.Ordinal);
        Assert.Equal(["January", "2", "1", "0", "2"], ReportSeed.TableRows(english, "t-requests-type")[0]);
        Assert.Contains("Requests received: 7 (erasure: 5, source of data: 2, objection to sharing: 1); by web form: 4, by post: 3.", english, StringComparison.Ordinal);
        var englishPdf = DpoDeskApp.PdfText(await lawyer.GetByteArrayAsync($"/office/reports/annual/{ReportSeed.Year}.pdf"));
        Assert.Contains("Report of the Data Protection Officer", englishPdf, StringComparison.Ordinal);

        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        using var forbidden = await operatorBrowser.GetAsync($"/office/reports/annual/{ReportSeed.Year}.pdf");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_front_page_says_what_needs_attention_today_with_links_to_the_lists()
    {
        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        var html = WebUtility.HtmlDecode(await operatorBrowser.GetStringAsync("/office"));
        Assert.Contains("<h2 id=\"attention-heading\">Na dziś</h2>", html, StringComparison.Ordinal);

        (int Count, string Link, string Text) Item(string kind)
        {
            var match = Regex.Match(html, $"<li[^>]*data-kind=\"{kind}\">\\s*<a href=\"([^\"]+)\">([^<]*): <strong class=\"figure\">(\\d+)</strong></a>(.*?)</li>", RegexOptions.Singleline);
            Assert.True(match.Success, $"The panel has {kind}");
            return (int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[1].Value, match.Groups[2].Value + match.Groups[4].Value);
        }
        static (int, string) Head((int Count, string Link, string Text) item) => (item.Count, item.Link);
        Assert.Equal((2, "/office?widok=po-terminie"), Head(Item("RequestsOverdue")));
        Assert.Equal((1, "/office?widok=wkrotce"), Head(Item("RequestsDueSoon")));
        Assert.Equal((2, "/office?widok=przeglad"), Head(Item("RequestsAwaitingReview")));
        Assert.Equal((1, "/office?widok=nowe"), Head(Item("RequestsNew")));
        var running = Item("BreachesWithinClock");
        Assert.Equal((1, "/office/breaches"), Head(running));
        Assert.Contains("najbliższy koniec 72 godzin za 47 h", running.Text, StringComparison.Ordinal);
        Assert.Equal((1, "/office/breaches"), Head(Item("BreachesPastClock")));
        Assert.Equal((1, "/office/cases"), Head(Item("RegulatorLettersDue")));
        Assert.Equal((2, "/office/inquiries?stan=Open"), Head(Item("InquiriesUnanswered")));

        // The links lead to lists of exactly what was counted.
        var overdue = await operatorBrowser.GetStringAsync("/office?widok=po-terminie");
        Assert.Contains(ReportSeed.OverdueNumber, overdue, StringComparison.Ordinal);
        Assert.Contains("IOD/2025/990007", overdue, StringComparison.Ordinal);
        Assert.Equal(2, DpoDeskApp.NumberPattern().Matches(Regex.Match(overdue, "<tbody>.*</tbody>", RegexOptions.Singleline).Value).Select(m => m.Value).Distinct().Count());
        var open = WebUtility.HtmlDecode(await operatorBrowser.GetStringAsync("/office/inquiries?stan=Open"));
        Assert.Contains(ReportSeed.FormulaSubject, open, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_annual_report_is_a_pdf_with_the_figures_in_polish_and_its_making_is_audited()
    {
        var auditor = await App.StaffAsync(StaffRoles.Auditor);
        using var response = await auditor.GetAsync($"/office/reports/annual/{ReportSeed.Year}.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = DpoDeskApp.PdfText(await response.Content.ReadAsByteArrayAsync());
        foreach (var expected in new[]
        {
            "Sprawozdanie Inspektora Ochrony Danych", "rok 2025", "art. 38 ust. 3 RODO", "Podsumowanie",
            "Zgłoszenia przyjęte: 7 (usunięcie danych: 5, źródło danych: 2, sprzeciw wobec udostępniania: 1); przez formularz: 4, pocztą: 3.",
            "Odpowiedzi w okresie: 6, w ciągu 72 godzin: 50,0 %.",
            "Termin ustawowy: dotrzymany 5, przekroczony 1; otwarte po terminie: 1.",
            "Zapytania przyjęte: 3, z odpowiedzią: 2.",
            "Naruszenia: 2; zgłoszone Prezesowi UODO: 2; zawiadomione osoby: 1; bez decyzji: 0.",
            "Oceny skutków: 2, zatwierdzone: 1, w toku: 1.",
            "Zgłoszenia miesięcznie według rodzaju", "Czas od wpływu do odpowiedzi", "Naruszenia według wagi (ENISA)", "Pisma UODO miesięcznie",
            "Żądania osób, których dane dotyczą", "umorzenie postępowania", "ponad 30 dni", "bardzo wysoka",
        })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("@firma.example", text, StringComparison.Ordinal);

        var audited = await App.QueryAsync(db => db.AuditEvents.Where(e => e.Action == "report.generated" && e.Subject == "report:annual-2025").CountAsync());
        Assert.True(audited >= 1);
    }

    static async Task<string[]> CsvLinesAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Every_list_exports_csv_honouring_its_filters_with_formulas_neutralised_and_audited()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo, StaffRoles.Auditor);

        // The queue: its view and filters, as on the page, and a link to it on the page.
        Assert.Contains("widok=po-terminie&amp;handler=Csv", await dpo.GetStringAsync("/office?widok=po-terminie"), StringComparison.Ordinal);
        var overdue = await CsvLinesAsync(dpo, "/office?widok=po-terminie&handler=Csv");
        Assert.Equal("\"numer\",\"rodzaj\",\"kanał\",\"stan\",\"wynik\",\"przyjęte\",\"cel 72 h\",\"termin ustawowy\",\"termin przedłużony\",\"zakończone\"", overdue[0]);
        Assert.Equal(3, overdue.Length);
        Assert.StartsWith($"\"{ReportSeed.OverdueNumber}\",\"SourceInquiry\",\"Post\",\"NeedsReview\",\"None\",", overdue[1], StringComparison.Ordinal);
        Assert.StartsWith("\"IOD/2025/990007\",\"Erasure\",\"Post\",\"NeedsReview\"", overdue[2], StringComparison.Ordinal);
        var web2025 = await CsvLinesAsync(dpo, "/office?widok=zamkniete&kanal=Web&rodzaj=SourceInquiry&od=2025-01-01&do=2025-12-31&handler=Csv");
        Assert.Equal(["IOD/2025/990005", "IOD/2025/990002"], web2025.Skip(1).Select(l => l.Split(',')[0].Trim('"')));
        Assert.Contains("\"IOD/2025/990002\",\"Erasure+SourceInquiry\",\"Web\",\"Completed\",\"NoDataFound\",\"2025-01-20 11:00\"", web2025[2], StringComparison.Ordinal);
        // A filter value that means nothing is ignored as the page ignores it.
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("/office?widok=nic&kanal=Golab&od=wczoraj&handler=Csv")).StatusCode);

        // Inquiries: the state filter, and a subject that a spreadsheet would run as a formula.
        var open = await CsvLinesAsync(dpo, "/office/inquiries?stan=Open&handler=Csv");
        Assert.Equal(3, open.Length);
        Assert.Contains(open, l => l.Contains("\"'=HYPERLINK(\"\"http://zly.example\"\";\"\"kliknij\"\")\"", StringComparison.Ordinal));
        Assert.Equal(6, (await CsvLinesAsync(dpo, "/office/inquiries?handler=Csv")).Length);
        Assert.Contains("handler=Csv&amp;stan=Open", await dpo.GetStringAsync("/office/inquiries?stan=Open"), StringComparison.Ordinal);

        var breaches = await CsvLinesAsync(dpo, "/office/breaches?handler=Csv");
        Assert.Equal(5, breaches.Length);
        Assert.Contains(breaches, l => l.StartsWith("\"NAR/2025/901\",\"Naruszenie NAR/2025/901\",\"2025-03-03 11:00\"", StringComparison.Ordinal) && l.Contains("\"2.50\",\"Medium\",\"tak\"", StringComparison.Ordinal));

        var cases = await CsvLinesAsync(dpo, "/office/cases?handler=Csv");
        Assert.Equal(3, cases.Length);
        Assert.StartsWith("\"DKN.5101.12.2025\",\"Complaint\",\"Epuap\",\"Answering\"", cases[1], StringComparison.Ordinal);
        Assert.StartsWith("\"DS.523.100.2025\",\"Inquiry\",\"Post\",\"Closed\",\"Discontinued\"", cases[2], StringComparison.Ordinal);

        var dpias = await CsvLinesAsync(dpo, "/office/dpia?handler=Csv");
        Assert.Equal(3, dpias.Length);
        Assert.Contains(dpias, l => l.Contains("\"Profilowanie kontaktów\",\"SignedOff\",\"2\",\"3\"", StringComparison.Ordinal));

        var outbox = await CsvLinesAsync(dpo, "/office/outbox?handler=Csv");
        Assert.Equal("\"id\",\"kanał\",\"stan\",\"odbiorca\",\"temat\",\"zgłoszenie\",\"utworzona\",\"wysłana\",\"próby\",\"ostatni błąd\"", outbox[0]);

        // The audit trail, by subject; the exports above are in it.
        var exported = await CsvLinesAsync(dpo, "/office/audit?subject=list:inquiries&handler=Csv");
        Assert.Equal(3, exported.Length);
        Assert.All(exported.Skip(1), l => Assert.Contains("\"list.exported\",\"list:inquiries\"", l, StringComparison.Ordinal));
        Assert.Contains(exported, l => l.Contains("\"2 rows; filters: Open\"", StringComparison.Ordinal));
        var subjects = await App.QueryAsync(db => db.AuditEvents.Where(e => e.Action == "list.exported").Select(e => e.Subject).Distinct().ToListAsync());
        foreach (var list in new[] { "list:requests", "list:inquiries", "list:breaches", "list:cases", "list:dpias", "list:outbox", "list:audit" })
            Assert.Contains(list, subjects);

        var admin = await App.StaffAsync(StaffRoles.Admin);
        var staff = await CsvLinesAsync(admin, "/office/staff?handler=Csv");
        Assert.Contains(staff, l => l.StartsWith($"\"{DpoDeskApp.AdminEmail}\"", StringComparison.Ordinal));
        Assert.Contains(staff, l => l.Contains("\"auditor dpo\"", StringComparison.Ordinal));

        // Staff without the list's policy get no export of it.
        var dataTeam = await App.StaffAsync(StaffRoles.DataTeam);
        Assert.Equal(HttpStatusCode.Forbidden, (await dataTeam.GetAsync("/office/inquiries?handler=Csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dpo.GetAsync("/office/staff?handler=Csv")).StatusCode);
    }
}

public sealed class ReportTestsOnSqlite(SqliteApp app) : ReportTests<SqliteApp>(app);

public sealed class ReportTestsOnPostgres(PostgresApp app) : ReportTests<PostgresApp>(app);
