using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

// Load benchmark: people submit the form while the workers process; loopback only, bounded in time.
//   dotnet run -c Release --project bench/DpoDesk.Load -- [--seconds 20] [--users 16] [--postgres "Host=...;Username=...;Password=..."]
// Reports submissions per second with p50/p99 latency, the time from confirmation to the result
// e-mail, and the same host's bare endpoint (/health/live) as the ceiling; then checks that every
// accepted submission has its request and its e-mails.

var seconds = Option("--seconds", 20);
var users = Option("--users", 16);
var postgres = OptionText("--postgres");

var data = Directory.CreateTempSubdirectory("dpodesk-load-").FullName;
var mail = new MailSink();
var smtpPort = FreePort();
using var smtpStop = new CancellationTokenSource();
var smtp = mail.Start(smtpPort, smtpStop.Token);
var webPort = FreePort();
var baseUrl = $"http://127.0.0.1:{webPort}";
string? database = null;
if (postgres is not null)
{
    database = $"dpodesk_load_{DateTime.UtcNow:yyyyMMddHHmmss}";
    postgres = $"{postgres};Database={database}";
}

var web = StartDpoDesk(webPort, smtpPort, data, postgres);
try
{
    await WaitReadyAsync(baseUrl, web);
    Console.WriteLine($"DpoDesk on {(postgres is null ? "SQLite" : "PostgreSQL")}, {users} users, {seconds} s per phase");

    var ceiling = await RunAsync(users, seconds, async http => { using var r = await http.GetAsync(baseUrl + "/health/live"); return r.IsSuccessStatusCode ? "" : null; });
    Report("bare endpoint GET /health/live", ceiling);

    var submissions = await RunAsync(users, seconds, http => SubmitAsync(http, baseUrl));
    Report("form submissions (GET form + POST)", submissions);

    // Every accepted submission gets its confirmation; each person then confirms.
    var accepted = submissions.Results.Where(n => n.Length > 0).ToHashSet();
    await mail.WaitForAsync(m => Subject(m).StartsWith("Potwierdź", StringComparison.Ordinal), accepted.Count, TimeSpan.FromMinutes(5));
    var confirmations = mail.Messages.Where(m => Subject(m.Message).StartsWith("Potwierdź", StringComparison.Ordinal)).ToList();
    var confirmedAt = new ConcurrentDictionary<string, DateTime>();
    await Parallel.ForEachAsync(confirmations, new ParallelOptions { MaxDegreeOfParallelism = users }, async (m, ct) =>
    {
        using var http = NewClient();
        var number = Number().Match(Subject(m.Message)).Value;
        var path = Regex.Match(m.Message.TextBody ?? "", @"/potwierdz/[A-Za-z0-9_-]+").Value;
        var page = await http.GetStringAsync(baseUrl + path, ct);
        confirmedAt[number] = DateTime.UtcNow;
        using var post = await http.PostAsync(baseUrl + path, new FormUrlEncodedContent([new("__RequestVerificationToken", Hidden(page, "__RequestVerificationToken"))]), ct);
    });
    await mail.WaitForAsync(m => Subject(m).Contains("zrealizowane", StringComparison.Ordinal), confirmedAt.Count, TimeSpan.FromMinutes(10));
    var toResult = mail.Messages.Where(m => Subject(m.Message).Contains("zrealizowane", StringComparison.Ordinal))
        .Select(m => (m.ArrivedAt - confirmedAt[Number().Match(Subject(m.Message)).Value]).TotalMilliseconds).Order().ToList();
    Console.WriteLine($"confirmation → result e-mail: {toResult.Count} requests, p50 {Percentile(toResult, 50):F0} ms, p99 {Percentile(toResult, 99):F0} ms, max {toResult[^1]:F0} ms");

    // Nothing accepted may be lost.
    var confirmed = confirmations.Select(m => Number().Match(Subject(m.Message)).Value).ToHashSet();
    var results = mail.Messages.Where(m => Subject(m.Message).Contains("zrealizowane", StringComparison.Ordinal)).Select(m => Number().Match(Subject(m.Message)).Value).ToHashSet();
    var lostConfirmations = accepted.Except(confirmed).Count();
    var lostResults = confirmed.Except(results).Count();
    Console.WriteLine($"loss: {lostConfirmations} accepted submissions without a confirmation e-mail, {lostResults} confirmed requests without a result e-mail");
    return lostConfirmations + lostResults == 0 ? 0 : 1;
}
finally
{
    web.Kill(entireProcessTree: true);
    await web.WaitForExitAsync();
    await smtpStop.CancelAsync();
    if (database is not null)
        Console.WriteLine($"(PostgreSQL database {database} left for inspection; drop it when done)");
    Directory.Delete(data, recursive: true);
}

static async Task<string?> SubmitAsync(HttpClient http, string baseUrl)
{
    var form = await http.GetStringAsync(baseUrl + "/");
    using var response = await http.PostAsync(baseUrl + "/", new FormUrlEncodedContent([
        new("__RequestVerificationToken", Hidden(form, "__RequestVerificationToken")),
        new("SubmissionKey", Hidden(form, "SubmissionKey")),
        new("Started", Hidden(form, "Started")),
        new("FullName", "Obciążenie Testowe"),
        new("Email", $"load{Guid.NewGuid():N}@firma.example"),
        new("Erase", "true"),
        new("Source", "true")]));
    return response.StatusCode == HttpStatusCode.Redirect ? Number().Match(Uri.UnescapeDataString(response.Headers.Location!.OriginalString)).Value : null;
}

static async Task<Run> RunAsync(int users, int seconds, Func<HttpClient, Task<string?>> operation)
{
    var latencies = new ConcurrentBag<double>();
    var results = new ConcurrentBag<string>();
    var failures = 0;
    var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * seconds;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
    {
        using var http = NewClient();
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await operation(http);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (result is null)
                Interlocked.Increment(ref failures);
            else
                results.Add(result);
        }
    }));
    return new Run(latencies.Order().ToList(), [.. results], failures, clock.Elapsed);
}

static void Report(string what, Run run) =>
    Console.WriteLine($"{what}: {run.Latencies.Count / run.Elapsed.TotalSeconds:F0}/s, p50 {Percentile(run.Latencies, 50):F1} ms, p99 {Percentile(run.Latencies, 99):F1} ms, {run.Failures} refused");

static double Percentile(List<double> sorted, int p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

static HttpClient NewClient() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true });

static string Hidden(string html, string name) =>
    WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

static Process StartDpoDesk(int port, int smtpPort, string data, string? connectionString)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(WebAssembly());
    string[] settings =
    [
        $"--urls=http://127.0.0.1:{port}", $"--DataDirectory={data}", "--DemoData:Contacts=100000",
        "--Smtp:Host=127.0.0.1", $"--Smtp:Port={smtpPort}", "--Logging:LogLevel:Default=Warning",
        // The benchmark is one client address sending thousands of forms in seconds.
        "--RateLimits:FormPerHour=100000", "--RateLimits:MinimumFillTime=00:00:00", "--Requests:MaxPerIdentifierPerDay=1000",
    ];
    foreach (var setting in settings)
        start.ArgumentList.Add(setting);
    if (connectionString is not null)
        start.ArgumentList.Add($"--ConnectionStrings:DpoDesk={connectionString}");
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

// The web host as built beside this benchmark (same configuration), found from the repository root.
static string WebAssembly()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DpoDesk.slnx")))
        dir = dir.Parent;
    var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
    var path = Path.Combine(dir?.FullName ?? ".", "src", "DpoDesk.Web", "bin", configuration, "net10.0", "DpoDesk.Web.dll");
    return File.Exists(path) ? path : throw new FileNotFoundException($"Build the web host first: {path}");
}

static async Task WaitReadyAsync(string baseUrl, Process web)
{
    using var http = new HttpClient();
    for (var i = 0; i < 240 && !web.HasExited; i++)
    {
        try
        {
            if ((await http.GetAsync(baseUrl + "/health/ready")).IsSuccessStatusCode)
                return;
        }
        catch (HttpRequestException)
        {
        }
        await Task.Delay(500);
    }
    throw new TimeoutException("DpoDesk did not start");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

sealed record Run(List<double> Latencies, string[] Results, int Failures, TimeSpan Elapsed);

/// <summary>An SMTP server on loopback that keeps what arrives, with the time it arrived.</summary>
sealed class MailSink
{
    public ConcurrentQueue<(MimeMessage Message, DateTime ArrivedAt)> Messages { get; } = new();

    public Task Start(int port, CancellationToken ct)
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        return new SmtpServer.SmtpServer(options, services).StartAsync(ct);
    }

    public async Task WaitForAsync(Func<MimeMessage, bool> which, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Messages.Count(m => which(m.Message)) < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }

    sealed class Store(MailSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            sink.Messages.Enqueue((MimeMessage.Load(stream, cancellationToken), DateTime.UtcNow));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

partial class Program
{
    static string Subject(MimeMessage message) => message.Subject ?? string.Empty;

    [GeneratedRegex(@"IOD/\d{4}/\d{6}")]
    private static partial Regex Number();
}
