using System.Globalization;
using System.Text;
using DpoDesk;
using DpoDesk.Contacts;
using DpoDesk.Persistence;
using DpoDesk.Suppression;

// dpodesk: bulk data work on the same database and secret as the web host.
//   dpodesk import FILE --source NAME [--acquired YYYY-MM-DD] [--public] [--legal-basis TEXT] [--data-directory DIR]
// The database is ConnectionStrings__DpoDesk from the environment, or the SQLite file in the data directory.

Console.OutputEncoding = Encoding.UTF8;
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
    return Usage();

try
{
    return args[0] switch
    {
        "import" => await ImportAsync(args[1..]),
        "backup" => await BackupAsync(args[1..]),
        "audit" when args.Length > 1 && args[1] == "verify" => await VerifyAuditAsync(args[2..]),
        _ => Usage($"Unknown command '{args[0]}'."),
    };
}
catch (CliException e)
{
    return Usage(e.Message);
}

static async Task<int> ImportAsync(string[] args)
{
    string? file = null, source = null, legalBasis = null, dataDirectory = null;
    DateOnly acquired = DateOnly.FromDateTime(DateTime.Today);
    var isPublic = false;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--source": source = Value(args, ref i); break;
            case "--acquired":
                if (!DateOnly.TryParseExact(Value(args, ref i), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out acquired))
                    throw new CliException("--acquired takes a date as YYYY-MM-DD.");
                break;
            case "--public": isPublic = true; break;
            case "--legal-basis": legalBasis = Value(args, ref i); break;
            case "--data-directory": dataDirectory = Value(args, ref i); break;
            default:
                if (args[i].StartsWith('-') || file is not null)
                    throw new CliException($"Unexpected '{args[i]}'.");
                file = args[i];
                break;
        }
    }
    if (file is null || source is null)
        throw new CliException("import needs a FILE and --source NAME.");
    if (!File.Exists(file))
        throw new CliException($"No such file: {file}");

    var data = new DataDirectory(dataDirectory ?? Environment.GetEnvironmentVariable("DataDirectory") ?? "data");
    await using var db = DatabaseProviders.Open(Environment.GetEnvironmentVariable("ConnectionStrings__DpoDesk"), data);
    await Database.MigrateAsync(db, CancellationToken.None);
    var keys = new SuppressionKeys(SecretFile.LoadOrCreate(Environment.GetEnvironmentVariable("Suppression__SecretFile") ?? data.SecretFile));

    using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    var summary = await new ImportContacts(db, keys).ExecuteAsync(reader,
        new ImportSource(source, acquired, isPublic, legalBasis ?? (isPublic ? "art. 6 ust. 1 lit. f RODO" : "art. 6 ust. 1 lit. a RODO")),
        CancellationToken.None);

    Console.WriteLine($"Read {summary.Read}, imported {summary.Imported}, suppressed {summary.Suppressed}, rejected {summary.Rejected.Count}.");
    foreach (var rejection in summary.Rejected.Take(20))
        Console.WriteLine($"  line {rejection.Line}: {rejection.Reason}");
    if (summary.Rejected.Count > 20)
        Console.WriteLine($"  … and {summary.Rejected.Count - 20} more");
    return 0;
}

static async Task<int> BackupAsync(string[] args)
{
    string? target = null, dataDirectory = null;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--out": target = Value(args, ref i); break;
            case "--data-directory": dataDirectory = Value(args, ref i); break;
            default: throw new CliException($"Unexpected '{args[i]}'.");
        }
    }
    if (target is null)
        throw new CliException("backup needs --out FILE.");
    var data = new DataDirectory(dataDirectory ?? Environment.GetEnvironmentVariable("DataDirectory") ?? "data");
    await using var db = DatabaseProviders.Open(Environment.GetEnvironmentVariable("ConnectionStrings__DpoDesk"), data);
    try
    {
        await Backup.ToFileAsync(db, target, CancellationToken.None);
    }
    catch (Exception e) when (e is NotSupportedException or IOException)
    {
        throw new CliException(e.Message);
    }
    Console.WriteLine($"Backed up to {Path.GetFullPath(target)}. Keep {data.SecretFile} with it, in a safe place of its own.");
    return 0;
}

static async Task<int> VerifyAuditAsync(string[] args)
{
    string? dataDirectory = null;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--data-directory": dataDirectory = Value(args, ref i); break;
            default: throw new CliException($"Unexpected '{args[i]}'.");
        }
    }
    var data = new DataDirectory(dataDirectory ?? Environment.GetEnvironmentVariable("DataDirectory") ?? "data");
    var secretFile = Environment.GetEnvironmentVariable("Audit__SecretFile") ?? data.AuditSecretFile;
    if (!File.Exists(secretFile))
        throw new CliException($"No audit secret at {secretFile}: without it the chain cannot be checked.");
    await using var db = DatabaseProviders.Open(Environment.GetEnvironmentVariable("ConnectionStrings__DpoDesk"), data);
    var audit = new DpoDesk.Audit.AuditTrail(SecretFile.LoadOrCreate(secretFile));
    var result = await audit.VerifyAsync(db, CancellationToken.None);
    if (result.IsIntact)
    {
        Console.WriteLine($"Audit trail intact: {result.VerifiedEvents} events, head {Convert.ToHexStringLower(result.HeadHash!)}.");
        return 0;
    }
    Console.WriteLine($"Audit trail BROKEN at event {result.BrokenAt}: {BreakText(result.Break)}. Events 1–{result.VerifiedEvents} are intact.");
    return 3;
}

static string BreakText(DpoDesk.Audit.AuditBreak kind) => kind switch
{
    DpoDesk.Audit.AuditBreak.Altered => "its content no longer matches its hash (changed)",
    DpoDesk.Audit.AuditBreak.Relinked => "it does not follow the event before it (inserted or replaced)",
    DpoDesk.Audit.AuditBreak.Missing => "it is missing (removed)",
    DpoDesk.Audit.AuditBreak.Truncated => "the chain ends before its recorded head (events removed from the end)",
    _ => kind.ToString(),
};

static string Value(string[] args, ref int i) =>
    i + 1 < args.Length ? args[++i] : throw new CliException($"{args[i]} needs a value.");

static int Usage(string? error = null)
{
    if (error is not null)
        Console.Error.WriteLine(error);
    Console.Error.WriteLine("""
        Usage:
          dpodesk import FILE --source NAME [--acquired YYYY-MM-DD] [--public] [--legal-basis TEXT] [--data-directory DIR]
              Loads a CSV (columns: name, email, phone, company, nip, position) into the contact base.
              Persons on the suppression list are skipped and counted.
          dpodesk backup --out FILE [--data-directory DIR]
              A consistent copy of the SQLite database, taken while DpoDesk runs.
              (PostgreSQL: use pg_dump, see docs/deployment.md.)
          dpodesk audit verify [--data-directory DIR]
              Walks the audit trail's hash chain. Exit 0: intact; exit 3: broken, with where.
        """);
    return error is null ? 0 : 2;
}

sealed class CliException(string message) : Exception(message);
