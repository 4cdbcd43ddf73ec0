using System.Text;
using DpoDesk;
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
        "import" => await ContactCommands.ImportAsync(args[1..]),
        "guard" => await ContactCommands.GuardAsync(args[1..]),
        "suppress" when args.Length > 1 && args[1] == "import" => await ContactCommands.SuppressImportAsync(args[2..]),
        "suppress" when args.Length > 1 && args[1] == "rotate-secret" => await ContactCommands.RotateSecretAsync(args[2..]),
        "export" => await LicensingCommands.ExportAsync(args[1..]),
        "backup" => await BackupAsync(args[1..]),
        "audit" when args.Length > 1 && args[1] == "verify" => await VerifyAuditAsync(args[2..]),
        _ => Usage($"Unknown command '{args[0]}'."),
    };
}
catch (CliException e)
{
    return Usage(e.Message);
}

static async Task<int> BackupAsync(string[] args)
{
    string? target = null, dataDirectory = null;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--out": target = Args.Value(args, ref i); break;
            case "--data-directory": dataDirectory = Args.Value(args, ref i); break;
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
            case "--data-directory": dataDirectory = Args.Value(args, ref i); break;
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

static int Usage(string? error = null)
{
    if (error is not null)
        Console.Error.WriteLine(error);
    Console.Error.WriteLine("""
        Usage:
          dpodesk import FILE --source NAME [--acquired YYYY-MM-DD] [--public] [--no-sharing] [--legal-basis TEXT]
                  [--encoding utf-8|windows-1250] [--map field=Header,...] [--rejects FILE] [--data-directory DIR]
              Loads a CSV or TSV (columns: name, email, phone, company, nip, position) into the contact base:
              merges records of the same person, keeps every value's source, skips erased persons,
              writes bad rows with line and reason to FILE.rejects.csv. Safe to run again.
          dpodesk guard IN OUT [--map field=Header,...] [--keep-unchecked] [--encoding ...] [--data-directory DIR]
              Copies a list that never enters the base (a client's campaign list) without the persons
              who were erased, objected or are on an external list.
          dpodesk suppress import FILE --kind external|objection|erased --list NAME [--hashed] [--data-directory DIR]
              Adds an opt-out list: one identifier per line (e-mail or phone), or SHA-256 hex of the
              normalised e-mail / E.164 phone with --hashed. Only keyed hashes are stored.
          dpodesk suppress rotate-secret [--data-directory DIR]
              Re-keys the suppression list under a new secret, from the stored keys alone. Stop DpoDesk
              first and back up the secrets folder after.
          dpodesk export --licence NUMBER --out FILE [--data-directory DIR]
              Writes the records a licence may receive, through the guard, and records what went out.
          dpodesk backup --out FILE [--data-directory DIR]
              A consistent copy of the SQLite database, taken while DpoDesk runs.
              (PostgreSQL: use pg_dump, see docs/deployment.md.)
          dpodesk audit verify [--data-directory DIR]
              Walks the audit trail's hash chain. Exit 0: intact; exit 3: broken, with where.
        """);
    return error is null ? 0 : 2;
}

