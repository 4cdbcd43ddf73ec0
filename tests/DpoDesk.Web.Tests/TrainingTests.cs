using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DpoDesk.Tests;
using DpoDesk.Training;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DpoDesk.Web.Tests;

/// <summary>Staff training against a web host: what a member of staff and the DPO do and see.</summary>
public static partial class Training
{
    /// <summary>The seeded course's right answers, by question (1-based options).</summary>
    public static readonly int[] RightAnswers = [2, 3, 3, 2, 3];

    public static Task<long> SeededCourseIdAsync(DpoDeskApp app) =>
        app.QueryAsync(db => db.Courses.Where(c => c.Title == TrainingSeed.FirstCourseTitle).Select(c => c.Id).SingleAsync());

    public static Task<HttpResponseMessage> AnswerAsync(HttpClient browser, long courseId, params int[] answers) =>
        DpoDeskApp.PostFormAsync(browser, $"/office/training/{courseId}/quiz",
            answers.Select((option, i) => new KeyValuePair<string, string>($"q{i + 1}", option.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Passes the seeded course; returns the certificate's address.</summary>
    public static async Task<string> PassAsync(DpoDeskApp app, HttpClient browser)
    {
        using var response = await AnswerAsync(browser, await SeededCourseIdAsync(app), RightAnswers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var link = CertificateLink().Match(html);
        Assert.True(link.Success, "The passed quiz links its certificate");
        return link.Value;
    }

    [GeneratedRegex(@"/office/training/certificates/\d+\.pdf")]
    public static partial Regex CertificateLink();
}

public abstract class TrainingTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static string Today() => DateTime.UtcNow.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("pl-PL"));

    Task<string> IdOfAsync(string email) => App.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_member_of_staff_reads_the_lessons_passes_the_quiz_and_reads_back_the_certificate()
    {
        var email = await App.CreateStaffAsync(StaffRoles.Operator);
        var browser = App.Browser();
        await App.SignInAsync(browser, email, DpoDeskApp.StaffPassword);
        var courseId = await Training.SeededCourseIdAsync(App);

        var home = WebUtility.HtmlDecode(await browser.GetStringAsync("/office/training"));
        Assert.Contains("RODO w pracy biura IOD", home, StringComparison.Ordinal);
        Assert.Contains("Nieukończone", home, StringComparison.Ordinal);
        var first = WebUtility.HtmlDecode(await browser.GetStringAsync($"/office/training/{courseId}"));
        Assert.Contains("Tożsamość: nigdy na samo imię i nazwisko", first, StringComparison.Ordinal);
        Assert.Contains("Lekcja 1 z 4", first, StringComparison.Ordinal);
        var last = WebUtility.HtmlDecode(await browser.GetStringAsync($"/office/training/{courseId}?lesson=4"));
        Assert.Contains("Naruszenia i poufność", last, StringComparison.Ordinal);
        Assert.Contains($"/office/training/{courseId}/quiz", last, StringComparison.Ordinal);

        using var passed = await Training.AnswerAsync(browser, courseId, Training.RightAnswers);
        var result = WebUtility.HtmlDecode(await passed.Content.ReadAsStringAsync());
        Assert.Contains("Zaliczone", result, StringComparison.Ordinal);
        Assert.Contains("Twój wynik: 100% (5 z 5)", result, StringComparison.Ordinal);
        var completion = await App.QueryAsync(db => db.TrainingCompletions.AsNoTracking().SingleAsync(c => c.UserEmail == email));
        Assert.True(completion.Passed);
        Assert.Matches(@"^SZK/\d{4}/\d{6}$", completion.CertificateNumber);

        using var certificate = await browser.GetAsync(Training.CertificateLink().Match(result).Value);
        Assert.Equal("application/pdf", certificate.Content.Headers.ContentType!.MediaType);
        var text = DpoDeskApp.PdfText(await certificate.Content.ReadAsByteArrayAsync());
        Assert.Contains("Zaświadczenie o ukończeniu szkolenia", text, StringComparison.Ordinal);
        Assert.Contains("Test operator", text, StringComparison.Ordinal);
        Assert.Contains(email, text, StringComparison.Ordinal);
        Assert.Contains("RODO w pracy biura IOD", text, StringComparison.Ordinal);
        Assert.Contains("100% (5 z 5 odpowiedzi poprawnych)", text, StringComparison.Ordinal);
        Assert.Contains(Today(), text, StringComparison.Ordinal);
        Assert.Contains(completion.CertificateNumber!, text, StringComparison.Ordinal);
        Assert.Contains(completion.ValidUntil!.Value.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("pl-PL")), text, StringComparison.Ordinal);

        var after = WebUtility.HtmlDecode(await browser.GetStringAsync("/office/training"));
        Assert.Contains("Ważne do", after, StringComparison.Ordinal);
        var audited = await App.QueryAsync(db => db.AuditEvents.Where(e => e.Actor == email).Select(e => e.Action).ToListAsync());
        Assert.Contains("training.quiz-taken", audited);
        Assert.Contains("training.certificate-downloaded", audited);
    }

    [Fact]
    public async Task A_failed_quiz_shows_the_score_records_no_certificate_and_may_be_taken_again()
    {
        var email = await App.CreateStaffAsync(StaffRoles.DataTeam);
        var browser = App.Browser();
        await App.SignInAsync(browser, email, DpoDeskApp.StaffPassword);
        var courseId = await Training.SeededCourseIdAsync(App);

        using var failed = await Training.AnswerAsync(browser, courseId, 2, 1, 1, 1, 1);
        var html = WebUtility.HtmlDecode(await failed.Content.ReadAsStringAsync());
        Assert.Contains("Niezaliczone", html, StringComparison.Ordinal);
        Assert.Contains("Twój wynik: 20% (1 z 5); do zaliczenia potrzeba 80%", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(Training.CertificateLink(), html);
        var attempt = await App.QueryAsync(db => db.TrainingCompletions.AsNoTracking().SingleAsync(c => c.UserEmail == email));
        Assert.False(attempt.Passed);
        Assert.Null(attempt.CertificateNumber);

        await Training.PassAsync(App, browser);
        Assert.Equal(1, await App.QueryAsync(db => db.TrainingCompletions.CountAsync(c => c.UserEmail == email && c.Passed)));
    }

    [Fact]
    public async Task Missing_or_made_up_answers_get_a_clear_message_and_nothing_is_recorded()
    {
        var email = await App.CreateStaffAsync(StaffRoles.Lawyer);
        var browser = App.Browser();
        await App.SignInAsync(browser, email, DpoDeskApp.StaffPassword);
        var courseId = await Training.SeededCourseIdAsync(App);

        using (var missing = await Training.AnswerAsync(browser, courseId, 2, 3, 3))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("brakuje odpowiedzi na pytania: 4, 5. Nic nie zostało zapisane.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var madeUp = await Training.AnswerAsync(browser, courseId, 2, 3, 3, 2, 9))
        {
            Assert.Equal(HttpStatusCode.BadRequest, madeUp.StatusCode);
            var html = WebUtility.HtmlDecode(await madeUp.Content.ReadAsStringAsync());
            Assert.Contains("Odpowiedz na pytanie 5. Nic nie zostało zapisane.", html, StringComparison.Ordinal);
            // The answers given are kept on the form.
            Assert.Contains("id=\"q1-2\" name=\"q1\" value=\"2\" checked=\"checked\"", html, StringComparison.Ordinal);
        }
        Assert.Equal(0, await App.QueryAsync(db => db.TrainingCompletions.CountAsync(c => c.UserEmail == email)));
    }

    [Fact]
    public async Task Only_its_owner_and_the_dpo_may_download_a_certificate()
    {
        var email = await App.CreateStaffAsync(StaffRoles.Operator);
        var owner = App.Browser();
        await App.SignInAsync(owner, email, DpoDeskApp.StaffPassword);
        var link = await Training.PassAsync(App, owner);

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(link)).StatusCode);
        foreach (var role in new[] { StaffRoles.Operator, StaffRoles.Auditor, StaffRoles.Admin })
        {
            var other = await App.StaffAsync(role);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).StatusCode);
        }
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        using var read = await dpo.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(email, DpoDeskApp.PdfText(await read.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await App.Browser().GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task The_dpo_sees_who_is_trained_who_is_overdue_and_who_never_took_the_course()
    {
        var trained = await App.CreateStaffAsync(StaffRoles.Operator);
        var browser = App.Browser();
        await App.SignInAsync(browser, trained, DpoDeskApp.StaffPassword);
        await Training.PassAsync(App, browser);
        var never = await App.CreateStaffAsync(StaffRoles.Operator);
        var overdue = await App.CreateStaffAsync(StaffRoles.Lawyer);
        var overdueId = await IdOfAsync(overdue);
        var courseId = await Training.SeededCourseIdAsync(App);
        var longAgo = DateTime.UtcNow.AddMonths(-14);
        await App.QueryAsync(async db =>
        {
            db.TrainingCompletions.Add(new TrainingCompletion
            {
                CourseId = courseId,
                UserId = overdueId,
                UserEmail = overdue,
                UserName = "Test lawyer",
                CourseTitle = TrainingSeed.FirstCourseTitle,
                Correct = 5,
                QuestionCount = 5,
                Score = 100,
                Passed = true,
                CompletedAt = longAgo,
                ValidUntil = TrainingDesk.ValidUntil(longAgo, 12),
                CertificateNumber = "SZK/2025/" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            });
            return await db.SaveChangesAsync();
        });
        var auditor = await App.StaffAsync(StaffRoles.Auditor);

        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var page = WebUtility.HtmlDecode(await dpo.GetStringAsync("/office/training/overview"));
        string Row(string email) => Regex.Match(page, "<tr>(?:(?!</tr>).)*" + Regex.Escape(email) + ".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("Ważne do", Row(trained), StringComparison.Ordinal);
        Assert.Contains("Nieukończone", Row(never), StringComparison.Ordinal);
        Assert.Contains("Zaległe od", Row(overdue), StringComparison.Ordinal);
        var auditorEmail = await App.QueryAsync(db => db.Users.OrderByDescending(u => u.Email).Where(u => u.Email!.StartsWith("auditor.")).Select(u => u.Email!).FirstAsync());
        Assert.Contains("nie dotyczy", Row(auditorEmail), StringComparison.Ordinal);

        var csv = await dpo.GetStringAsync("/office/training/overview.csv");
        var lines = csv.Split("\r\n");
        Assert.Contains(lines, l => l.Contains(trained, StringComparison.Ordinal) && l.Contains("Ważne do", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(never, StringComparison.Ordinal) && l.Contains("Nieukończone", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(overdue, StringComparison.Ordinal) && l.Contains("Zaległe od", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/office/training/overview.csv")).StatusCode);
    }

    [Fact]
    public async Task The_dpo_makes_a_course_for_a_role_and_a_bad_quiz_is_refused_with_its_line()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        var title = "Kurs audytora " + Guid.NewGuid().ToString("N")[..8];
        KeyValuePair<string, string> F(string name, string value) => new(name, value);
        using (var bad = await DpoDeskApp.PostFormAsync(dpo, "/office/training/courses/edit",
            [F("Title", title), F("LessonsMarkdown", "# Lekcja\n\nTreść."), F("QuizText", "? Pytanie\n- zła\n- też zła"), F("PassMark", "80"), F("RefreshMonths", "12"), F("Roles", StaffRoles.Auditor)]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("Pytanie w wierszu 1 musi mieć dokładnie jedną dobrą odpowiedź", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.False(await App.QueryAsync(db => db.Courses.AnyAsync(c => c.Title == title)));
        using (var duplicate = await DpoDeskApp.PostFormAsync(dpo, "/office/training/courses/edit",
            [F("Title", TrainingSeed.FirstCourseTitle), F("LessonsMarkdown", "# Lekcja\n\nTreść."), F("QuizText", "? Pytanie\n- zła\n* dobra"), F("PassMark", "80"), F("RefreshMonths", "12"), F("Roles", StaffRoles.Auditor)]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
            Assert.Contains("Kurs o tym tytule już istnieje.", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var good = await DpoDeskApp.PostFormAsync(dpo, "/office/training/courses/edit",
            [F("Title", title), F("LessonsMarkdown", "# Dziennik zdarzeń\n\nSprawdzaj łańcuch skrótów."), F("QuizText", "? Co pokazuje łańcuch skrótów?\n- nic\n* zmiany w dzienniku"), F("PassMark", "100"), F("RefreshMonths", "24"), F("Roles", StaffRoles.Auditor)]))
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var auditor = await App.StaffAsync(StaffRoles.Auditor);
        var home = WebUtility.HtmlDecode(await auditor.GetStringAsync("/office/training"));
        Assert.Contains($"Rozpocznij kurs „{title}”", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Rozpocznij kurs „RODO w pracy biura IOD”", home, StringComparison.Ordinal);
    }
}

public sealed class TrainingTestsOnSqlite(SqliteApp app) : TrainingTests<SqliteApp>(app);

public sealed class TrainingTestsOnPostgres(PostgresApp app) : TrainingTests<PostgresApp>(app);

/// <summary>Reminders run on the app's clock, so they get an app of their own.</summary>
public abstract class TrainingReminderTests(TestDatabase database) : IAsyncLifetime
{
    readonly DpoDeskApp _app = new() { Database = database, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        return _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_member_of_staff_is_reminded_once_when_their_training_falls_due_even_with_two_workers()
    {
        var email = await _app.CreateStaffAsync(StaffRoles.Operator);
        var browser = _app.Browser();
        await _app.SignInAsync(browser, email, DpoDeskApp.StaffPassword);
        await Training.PassAsync(_app, browser);
        var validUntil = await _app.QueryAsync(db => db.TrainingCompletions.Where(c => c.UserEmail == email).Select(c => c.ValidUntil!.Value).SingleAsync());

        // Twenty days before the year is up: due soon.
        _app.Clock!.Advance(TimeSpan.FromDays(365 - 20));
        async Task<int> WorkerAsync()
        {
            using var scope = _app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Persistence.DpoDeskDbContext>();
            return await TrainingDesk.RemindAsync(db, _app.Clock.GetUtcNow().UtcDateTime, new Uri("https://iod.dpodesk.test/office/training"), TestContext.Current.CancellationToken);
        }
        var sent = await Task.WhenAll(WorkerAsync(), WorkerAsync());
        Assert.InRange(sent.Sum(), 0, 1);
        var reminder = await _app.Smtp.WaitForAsync(email, "wkrótce wygaśnie");
        Assert.Contains(validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("/office/training", reminder.TextBody, StringComparison.Ordinal);

        // Past the date: the same due date, so no second e-mail; the overview says overdue.
        _app.Clock.Advance(TimeSpan.FromDays(30));
        await Task.WhenAll(WorkerAsync(), WorkerAsync());
        await DpoDeskApp.EventuallyAsync(() => _app.QueryAsync(db => db.OutboxMessages.AllAsync(m => m.State != Notifications.OutboxState.Pending)), "the outbox is empty");
        Assert.Single(_app.Smtp.To(email));
        Assert.Equal(1, await _app.QueryAsync(db => db.TrainingReminders.CountAsync()));
        var dpo = await _app.StaffAsync(StaffRoles.Dpo);
        Assert.Contains("Zaległe od", WebUtility.HtmlDecode(await dpo.GetStringAsync("/office/training/overview")), StringComparison.Ordinal);
    }
}

public sealed class TrainingRemindersOnSqliteTests() : TrainingReminderTests(TestDatabase.Sqlite);

public sealed class TrainingRemindersOnPostgresTests() : TrainingReminderTests(TestDatabase.Postgres);
