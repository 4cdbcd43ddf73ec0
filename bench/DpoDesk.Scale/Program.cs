using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DpoDesk.Scale;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;

// The contact base at scale, against baselines, in one run:
//   dotnet run -c Release --project bench/DpoDesk.Scale -- [--rows 10000000] [--dir /tmp/dpodesk-scale] [--runs 3] [--only guard,sqlite,postgres,lookup,ledger,memory]
// The guard and its baselines run --runs times each and the median is reported; --no-baselines
// times DpoDesk alone, for profiling.
// PostgreSQL steps need DPODESK_BENCH_POSTGRES (a connection string to a server where a database may be created) and psql.
// Baselines need awk and sqlite3 on the PATH.

var rows = 10_000_000L;
var runs = 3;
var baselines = true;
var dir = Path.Combine(Path.GetTempPath(), "dpodesk-scale");
string[] only = ["guard", "sqlite", "postgres", "lookup", "ledger", "memory"];
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rows": rows = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--dir": dir = args[++i]; break;
        case "--only": only = args[++i].Split(','); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--no-baselines": baselines = false; break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}
Directory.CreateDirectory(dir);
var results = new Results();
var contacts = Path.Combine(dir, $"contacts-{rows}.csv");
var suppressedEmails = Path.Combine(dir, $"suppressed-{rows}.txt");
if (!File.Exists(contacts) || !File.Exists(suppressedEmails))
{
    var generation = Stopwatch.StartNew();
    SyntheticData.Write(contacts, suppressedEmails, rows);
    Console.WriteLine($"Generated {rows:N0} rows ({new FileInfo(contacts).Length / 1e9:F2} GB) and {rows / 10:N0} suppressed e-mails in {generation.Elapsed.TotalSeconds:F1} s");
}
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, file {new FileInfo(contacts).Length / 1e9:F2} GB");

var secret = RandomNumberGenerator.GetBytes(32);
using var keys = new SuppressionKeys(secret);

if (only.Contains("guard"))
    await GuardScale.RunAsync(contacts, suppressedEmails, dir, rows, runs, baselines, keys, results);
if (only.Contains("sqlite"))
    await ImportScale.SqliteAsync(contacts, suppressedEmails, dir, rows, secret, baselines, results);
if (only.Contains("postgres"))
    await ImportScale.PostgresAsync(contacts, suppressedEmails, dir, rows, secret, baselines, results);
if (only.Contains("lookup"))
    await ImportScale.LookupsAsync(dir, rows, results);
if (only.Contains("ledger"))
    await LedgerScale.RunAsync(dir, results);
if (only.Contains("memory"))
    MemoryScale.Run(keys, results);

results.Print();
return 0;

sealed class Results
{
    readonly List<(string Operation, string DpoDesk, string Baselines, string Target)> _rows = [];

    public void Add(string operation, string dpoDesk, string baselines, string target)
    {
        _rows.Add((operation, dpoDesk, baselines, target));
        Console.WriteLine($"  {operation}: {dpoDesk} | {baselines} | {target}");
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| operation | DpoDesk | baselines in the same run | target |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (operation, dpoDesk, baselines, target) in _rows)
            Console.WriteLine($"| {operation} | {dpoDesk} | {baselines} | {target} |");
    }
}

static class Run
{
    public static string RowsPerSecond(long rows, TimeSpan elapsed) => $"{rows / elapsed.TotalSeconds:N0} rows/s ({elapsed.TotalSeconds:F1} s)";

    /// <summary>Runs a shell command, returns its time; fails loudly.</summary>
    /// <summary>
    /// Before a timed import or its baseline: the previous step's writes flushed to disk, so that they
    /// do not land in this one's syncs, and the input file in the page cache.
    /// </summary>
    public static void Settle(string file) => Shell($"sync && cat '{file}' > /dev/null");

    public static TimeSpan Shell(string command, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}): {stderr} {stdout.Result}");
        return clock.Elapsed;
    }

    /// <summary>The middle of several timings of the same thing.</summary>
    public static TimeSpan Median(IEnumerable<TimeSpan> timings)
    {
        var sorted = timings.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static (double P50, double P99) Percentiles(List<double> microseconds)
    {
        microseconds.Sort();
        return (microseconds[microseconds.Count / 2], microseconds[(int)(microseconds.Count * 0.99)]);
    }
}
