using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DpoDesk.Contacts;
using DpoDesk.Persistence;
using DpoDesk.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace DpoDesk.Web.Tests.Infrastructure;

/// <summary>
/// DpoDesk as it runs in production, with its own SQLite file, a real SMTP server and an SMS gateway on
/// loopback. Intent methods drive it the way a person would: through its pages.
/// </summary>
public partial class DpoDeskApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@dpodesk.test";
    public const string AdminPassword = "Test-Admin-Password-1";

    public string DataPath { get; } = Directory.CreateTempSubdirectory("dpodesk-test-").FullName;
    public SmtpTestServer Smtp { get; } = new(FreePort());
    public SmsGatewayFake Sms { get; } = new(FreePort());

    /// <summary>Set by tests that move time; otherwise the real clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>The engine this app runs on; each gets a fresh, empty database.</summary>
    public TestDatabase Database { get; init; } = TestDatabase.Sqlite;

    string? _connectionString;

    /// <summary>The database this app uses; null for the SQLite file in <see cref="DataPath"/>.</summary>
    public string? ConnectionString => _connectionString;

    /// <summary>The settings a separate DpoDesk process needs to join this app: same database, secret, servers.</summary>
    public IEnumerable<string> ProcessArguments()
    {
        yield return $"--DataDirectory={DataPath}";
        if (_connectionString is not null)
            yield return $"--ConnectionStrings:DpoDesk={_connectionString}";
        yield return "--Smtp:Host=127.0.0.1";
        yield return $"--Smtp:Port={Smtp.Port}";
        yield return $"--Sms:BaseUrl={Sms.BaseUrl}";
        yield return $"--Sms:Token={SmsGatewayFake.Token}";
        yield return "--Portal:PublicUrl=https://iod.dpodesk.test";
        yield return "--DemoData:Enabled=false";
        yield return $"--Office:AdminEmail={AdminEmail}";
        yield return $"--Office:AdminPassword={AdminPassword}";
        yield return "--Requests:PollInterval=00:00:00.200";
        yield return "--Outbox:PollInterval=00:00:00.200";
        yield return "--Logging:LogLevel:Default=Warning";
    }

    /// <summary>Whether the SMTP server runs from the start.</summary>
    public bool StartSmtp { get; init; } = true;

    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["DataDirectory"] = DataPath,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:TimeoutSeconds"] = "5",
            ["Mail:FromAddress"] = "iod@dpodesk.test",
            ["Sms:BaseUrl"] = Sms.BaseUrl,
            ["Sms:Token"] = SmsGatewayFake.Token,
            ["Portal:PublicUrl"] = "https://iod.dpodesk.test",
            ["DemoData:Enabled"] = "false",
            ["Office:AdminEmail"] = AdminEmail,
            ["Office:AdminPassword"] = AdminPassword,
            ["Requests:PollInterval"] = "00:00:00.200",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:FirstRetryDelay"] = "00:00:00.200",
            ["Outbox:MaxRetryDelay"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests fill forms in milliseconds; the fill-time check has its own test.
            ["RateLimits:MinimumFillTime"] = "00:00:00",
            ["RateLimits:FormPerHour"] = "100000",
            ["RateLimits:StatusPerHour"] = "100000",
            ["RateLimits:SignInPerHour"] = "100000",
            ["Requests:MaxPerIdentifierPerDay"] = "1000",
        };
        if (_connectionString is not null)
            settings["ConnectionStrings:DpoDesk"] = _connectionString;
        foreach (var (key, value) in Settings)
            settings[key] = value;
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        if (Clock is not null)
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public virtual async ValueTask InitializeAsync()
    {
        // Without the engine the tests skip (see TestDatabase); the app then never starts.
        if (!Database.Available)
            return;
        _connectionString = await Database.CreateAsync();
        if (StartSmtp)
            Smtp.Start();
        await Sms.StartAsync();
        StartServer(); // migrations, first admin, workers
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
        if (Database.Available)
            await Database.DropAsync(_connectionString);
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // ---- intent methods ----

    public sealed record RequestInput(string? FullName, string? Email, string? Phone = null, bool Erase = true, bool Source = false, bool StopSharing = false);

    /// <summary>Opens the form and submits it as a browser would; returns the response (a redirect when accepted).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, RequestInput input, string path = "/")
    {
        var form = await browser.GetStringAsync(path);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", AntiforgeryToken(form)),
            new("SubmissionKey", HiddenValue(form, "SubmissionKey")),
            new("Started", HiddenValue(form, "Started")),
            new("FullName", input.FullName ?? string.Empty),
            new("Email", input.Email ?? string.Empty),
            new("Phone", input.Phone ?? string.Empty),
        };
        if (input.Erase)
            fields.Add(new("Erase", "true"));
        if (input.Source)
            fields.Add(new("Source", "true"));
        if (input.StopSharing)
            fields.Add(new("StopSharing", "true"));
        using var content = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(path, content);
    }

    /// <summary>Submits a request and returns its number from the page the person lands on.</summary>
    public async Task<string> SubmitAcceptedAsync(HttpClient browser, RequestInput input)
    {
        using var response = await SubmitAsync(browser, input);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.GetStringAsync(response.Headers.Location);
        var number = NumberPattern().Match(page);
        Assert.True(number.Success, "The page shows the request number");
        return number.Value;
    }

    /// <summary>The confirmation link in an e-mail, as a path on this host.</summary>
    public static string ConfirmationPath(MimeMessage email)
    {
        var match = ConfirmationLinkPattern().Match(email.TextBody ?? string.Empty);
        Assert.True(match.Success, "The e-mail carries a confirmation link");
        return match.Groups["path"].Value;
    }

    /// <summary>Opens the confirmation link and presses the button.</summary>
    public static async Task<(HttpResponseMessage Get, HttpResponseMessage Post)> ConfirmAsync(HttpClient browser, string path)
    {
        var get = await browser.GetAsync(path);
        var page = await get.Content.ReadAsStringAsync();
        // A used or expired link shows no button; a replay still sends a valid token, taken from the form page.
        var token = page.Contains("__RequestVerificationToken", StringComparison.Ordinal) ? AntiforgeryToken(page) : AntiforgeryToken(await browser.GetStringAsync("/"));
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        var post = await browser.PostAsync(path, content);
        return (get, post);
    }

    public async Task<string> StatusPageAsync(HttpClient browser, string number, string email)
    {
        var form = await browser.GetStringAsync("/status");
        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiforgeryToken(form)),
            new("Number", number),
            new("Email", email)]);
        using var response = await browser.PostAsync("/status", content);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password)
    {
        var form = await browser.GetStringAsync("/office/sign-in");
        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiforgeryToken(form)),
            new("Email", email),
            new("Password", password)]);
        return await browser.PostAsync("/office/sign-in", content);
    }

    public async Task<HttpClient> SignedInStaffAsync()
    {
        var browser = Browser();
        using var response = await SignInAsync(browser, AdminEmail, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public async Task<ImportSummary> ImportCsvAsync(string csv, string source = "CEIDG (test)", bool isPublic = true, DateOnly? acquiredOn = null)
    {
        using var scope = Services.CreateScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportContacts>();
        using var reader = new StringReader(csv);
        return await import.ExecuteAsync(reader, new ImportSource(source, acquiredOn ?? new DateOnly(2024, 3, 12), isPublic, "art. 6 ust. 1 lit. f RODO"), CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<DpoDeskDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<DpoDeskDbContext>());
    }

    public Task<int> CountContactsAsync(string normalizedEmail) =>
        QueryAsync(db => db.Contacts.CountAsync(c => c.EmailNormalized == normalizedEmail));

    /// <summary>Files <paramref name="count"/> requests, one unit of work each as web requests have, and confirms them all at once.</summary>
    public async Task SeedConfirmedRequestsAsync(int count, string emailPrefix)
    {
        for (var i = 0; i < count; i++)
        {
            using var scope = Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<Requests.SubmitRequest>()
                .ExecuteAsync(new Requests.RequestForm($"Osoba {i}", $"{emailPrefix}{i}@firma.example", null, Requests.RequestActions.Erasure, "pl", Guid.NewGuid()), CancellationToken.None);
            Assert.True(result.Accepted);
        }
        await QueryAsync(db => db.Requests.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, Requests.RequestState.Confirmed)
            .SetProperty(r => r.ConfirmedAt, DateTime.UtcNow)));
    }

    /// <summary>Waits until every request is completed and every message sent, while the given worker processes stay up.</summary>
    public async Task WaitUntilAllDoneAsync(TimeSpan timeout, params DpoDeskProcess[] workers)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await QueryAsync(db => db.OutboxMessages.CountAsync(m => m.State != Notifications.OutboxState.Sent)) > 0
            || await QueryAsync(db => db.Requests.CountAsync(r => r.State != Requests.RequestState.Completed)) > 0)
        {
            foreach (var worker in workers)
                Assert.False(worker.HasExited, worker.Output);
            Assert.True(DateTime.UtcNow < deadline, "The workers did not finish in time");
            await Task.Delay(250);
        }
    }

    /// <summary>How many times each request was completed, by request.</summary>
    public Task<List<int>> CompletionsPerRequestAsync() =>
        QueryAsync(db => db.RequestEvents.Where(e => e.Kind == Requests.RequestEventKind.Completed).GroupBy(e => e.RequestId).Select(g => g.Count()).ToListAsync());

    /// <summary>Waits for something the workers do in the background; fails after 20 seconds, or <paramref name="within"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not in time: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every message of a request has been delivered and recorded.</summary>
    public Task AllDeliveredAsync(string number) => EventuallyAsync(
        () => QueryAsync(db => db.OutboxMessages.Where(m => db.Requests.Any(r => r.Number == number && r.Id == m.RequestId)).AllAsync(m => m.State == Notifications.OutboxState.Sent)),
        $"all messages of {number} delivered");

    public static string AntiforgeryToken(string html) => HiddenValue(html, "__RequestVerificationToken");

    public static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has a hidden {name} field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A unique address per test, so that tests sharing one app do not see each other's data.</summary>
    public static string UniqueEmail(string name) => $"{name}.{Guid.NewGuid():N}@firma.example";

    [GeneratedRegex(@"IOD/\d{4}/\d{6}")]
    public static partial Regex NumberPattern();

    [GeneratedRegex(@"https://iod\.dpodesk\.test(?<path>/potwierdz/[A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmationLinkPattern();
}

public sealed class SqliteApp : DpoDeskApp
{
    public SqliteApp() => Database = TestDatabase.Sqlite;
}

public sealed class PostgresApp : DpoDeskApp
{
    public PostgresApp() => Database = TestDatabase.Postgres;
}

/// <summary>Tests that share one app per class, run once per engine.</summary>
public abstract class DatabaseTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime
    where TApp : DpoDeskApp
{
    protected TApp App { get; } = app;

    public virtual ValueTask InitializeAsync()
    {
        App.Database.SkipUnlessAvailable();
        return ValueTask.CompletedTask;
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
