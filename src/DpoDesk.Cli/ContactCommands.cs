using System.Globalization;
using System.Text;
using DpoDesk.Contacts;
using DpoDesk.Matching;
using DpoDesk.Suppression;

/// <summary>The contact base and the guard from the command line: import, guard, suppress.</summary>
static class ContactCommands
{
    public static async Task<int> ImportAsync(string[] args)
    {
        string? file = null, source = null, legalBasis = null, dataDirectory = null, map = null, rejects = null, encodingName = null;
        var acquired = DateOnly.FromDateTime(DateTime.Today);
        var isPublic = false;
        var allowsSharing = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--source": source = Args.Value(args, ref i); break;
                case "--acquired":
                    if (!DateOnly.TryParseExact(Args.Value(args, ref i), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out acquired))
                        throw new CliException("--acquired takes a date as YYYY-MM-DD.");
                    break;
                case "--public": isPublic = true; break;
                case "--no-sharing": allowsSharing = false; break;
                case "--legal-basis": legalBasis = Args.Value(args, ref i); break;
                case "--map": map = Args.Value(args, ref i); break;
                case "--rejects": rejects = Args.Value(args, ref i); break;
                case "--encoding": encodingName = Args.Value(args, ref i); break;
                case "--data-directory": dataDirectory = Args.Value(args, ref i); break;
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
        var mapping = ParseMap(map);
        var encoding = ParseEncoding(encodingName);

        var data = Args.Data(dataDirectory);
        await using var db = await Args.OpenDatabaseAsync(data);
        using var keys = Args.Keys(data);
        rejects ??= file + ".rejects.csv";
        var (reader, stream, used) = CsvInput.Open(file, encoding);
        using var _ = reader;
        await using var rejectsWriter = OwnerOnlyWriter(rejects);
        var options = new ImportOptions(new ImportSource(source, acquired, isPublic, legalBasis ?? (isPublic ? "art. 6 ust. 1 lit. f RODO" : "art. 6 ust. 1 lit. a RODO"), allowsSharing))
        {
            Map = mapping,
            Rejects = rejectsWriter,
            // Rows run about a hundred bytes.
            ExpectedRows = new FileInfo(file).Length / 100,
        };
        ImportSummary summary;
        try
        {
            summary = await FileProgress.RunAsync("Importing", stream, progress =>
                new ImportContacts(db, keys).ExecuteAsync(reader, options with { Progress = new Progress<ImportProgress>(p => progress.Report(p.Rows)) }, CancellationToken.None));
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }

        Console.WriteLine($"Read {summary.Read:N0} ({used.WebName}), imported {summary.Imported:N0}, merged {summary.Merged:N0}, suppressed {summary.Suppressed:N0}, rejected {summary.RejectedCount:N0}.");
        foreach (var group in summary.Rejected.GroupBy(r => r.Reason.StartsWith("broken quoting", StringComparison.Ordinal) ? "broken quoting" : r.Reason))
            Console.WriteLine($"  {group.Key}: lines {string.Join(", ", group.Take(10).Select(r => r.Line))}{(group.Count() > 10 ? ", …" : "")}");
        if (summary.RejectedCount > 0)
            Console.WriteLine($"Rejected rows, with line and reason: {Path.GetFullPath(rejects)}");
        else
        {
            await rejectsWriter.DisposeAsync();
            File.Delete(rejects);
        }
        return 0;
    }

    public static async Task<int> GuardAsync(string[] args)
    {
        string? input = null, output = null, dataDirectory = null, map = null, encodingName = null;
        var keepUnchecked = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--map": map = Args.Value(args, ref i); break;
                case "--keep-unchecked": keepUnchecked = true; break;
                case "--encoding": encodingName = Args.Value(args, ref i); break;
                case "--data-directory": dataDirectory = Args.Value(args, ref i); break;
                default:
                    if (args[i].StartsWith('-'))
                        throw new CliException($"Unexpected '{args[i]}'.");
                    if (input is null)
                        input = args[i];
                    else if (output is null)
                        output = args[i];
                    else
                        throw new CliException($"Unexpected '{args[i]}'.");
                    break;
            }
        }
        if (input is null || output is null)
            throw new CliException("guard needs IN and OUT files.");
        if (!File.Exists(input))
            throw new CliException($"No such file: {input}");
        if (Path.GetFullPath(input) == Path.GetFullPath(output))
            throw new CliException("OUT must be another file than IN.");
        var mapping = ParseMap(map);
        var encoding = ParseEncoding(encodingName);

        var data = Args.Data(dataDirectory);
        await using var db = await Args.OpenDatabaseAsync(data);
        using var keys = Args.Keys(data);
        var guard = new IdentifierGuard(keys, await SuppressionList.LoadAsync(db, keys, CancellationToken.None));
        await using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var used = encoding ?? CsvInput.Detect(stream);
        GuardSummary summary;
        await using (var writer = OwnerOnlyStream(output))
        {
            try
            {
                // Kept rows are copied as they came, in the encoding they came in.
                summary = await FileProgress.RunAsync("Filtering", stream, progress =>
                    GuardFile.FilterAsync(stream, writer, used, guard, mapping, keepUnchecked, progress, CancellationToken.None));
            }
            catch (InvalidDataException e)
            {
                throw new CliException(e.Message);
            }
        }
        Console.WriteLine($"Read {summary.Read:N0}, kept {summary.Kept:N0}, left out {summary.Suppressed:N0} suppressed"
            + (summary.Unchecked > 0 ? $" and {summary.Unchecked:N0} {(keepUnchecked ? "kept unchecked" : "left out")} without a usable e-mail or phone" : "") + ".");
        return 0;
    }

    public static async Task<int> SuppressImportAsync(string[] args)
    {
        string? file = null, kindName = null, listName = null, dataDirectory = null;
        var hashed = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--kind": kindName = Args.Value(args, ref i); break;
                case "--list": listName = Args.Value(args, ref i); break;
                case "--hashed": hashed = true; break;
                case "--data-directory": dataDirectory = Args.Value(args, ref i); break;
                default:
                    if (args[i].StartsWith('-') || file is not null)
                        throw new CliException($"Unexpected '{args[i]}'.");
                    file = args[i];
                    break;
            }
        }
        if (file is null || kindName is null)
            throw new CliException("suppress import needs a FILE and --kind external|objection|erased.");
        var kind = kindName switch
        {
            "external" => SuppressionKind.ExternalList,
            "objection" => SuppressionKind.SharingObjection,
            "erased" => SuppressionKind.Erased,
            _ => throw new CliException($"Unknown kind '{kindName}': use external, objection or erased."),
        };
        if (kind == SuppressionKind.ExternalList && string.IsNullOrWhiteSpace(listName))
            throw new CliException("An external list needs --list NAME (who keeps it), so that its entries can be told apart.");
        if (!File.Exists(file))
            throw new CliException($"No such file: {file}");

        var data = Args.Data(dataDirectory);
        await using var db = await Args.OpenDatabaseAsync(data);
        using var keys = Args.Keys(data);
        var (reader, _, _) = CsvInput.Open(file, null);
        using var _r = reader;
        var rejected = new List<int>();
        var read = 0;
        IEnumerable<(byte[], SuppressedIdentifier)> Keys()
        {
            var line = 0;
            var sha = new byte[32];
            while (reader.ReadLine() is { } text)
            {
                line++;
                var value = text.Trim().Trim('"');
                if (value.Length == 0 || value.StartsWith('#'))
                    continue;
                read++;
                if (hashed)
                {
                    if (value.Length == 64 && Convert.FromHexString(value, sha, out _, out _) == System.Buffers.OperationStatus.Done)
                        yield return (keys.ForSha256(sha), SuppressedIdentifier.Sha256);
                    else
                        rejected.Add(line);
                }
                else if (value.Contains('@'))
                {
                    if (Identifiers.NormalizeEmail(value) is { } email)
                        yield return (keys.ForEmail(email), SuppressedIdentifier.Email);
                    else
                        rejected.Add(line);
                }
                else if (Identifiers.NormalizePhone(value) is { } phone)
                {
                    yield return (keys.ForPhone(phone), SuppressedIdentifier.Phone);
                }
                else
                {
                    rejected.Add(line);
                }
            }
        }

        var added = await SuppressionList.AddManyAsync(db, keys, Keys(), kind, listName, DateTime.UtcNow, CancellationToken.None);
        Console.WriteLine($"Read {read:N0} identifiers, added {added:N0} (the rest were on the list already), rejected {rejected.Count:N0}.");
        if (rejected.Count > 0)
            Console.WriteLine($"  not an e-mail, a phone{(hashed ? " or a SHA-256 in hex" : "")}: lines {string.Join(", ", rejected.Take(20))}{(rejected.Count > 20 ? ", …" : "")}");
        return 0;
    }

    public static async Task<int> RotateSecretAsync(string[] args)
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
        var data = Args.Data(dataDirectory);
        await using var db = await Args.OpenDatabaseAsync(data);
        var secretFile = Args.SuppressionSecretFile(data);
        if (!File.Exists(secretFile))
            throw new CliException($"No suppression secret at {secretFile}.");
        var (generation, rekeyed) = await SuppressionList.RotateAsync(db, secretFile, CancellationToken.None);
        Console.WriteLine($"Re-keyed {rekeyed:N0} suppression keys to generation {generation}. Back up {SuppressionKeys.RotationsFileOf(secretFile)} with the secret: the list cannot be checked without both.");
        return 0;
    }

    static IReadOnlyDictionary<ContactField, string> ParseMap(string? map)
    {
        try
        {
            return ContactColumns.ParseMap(map);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }

    static Encoding? ParseEncoding(string? name)
    {
        try
        {
            return CsvInput.Named(name);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>A new file only its owner can read: rejected rows and filtered lists hold personal data.</summary>
    internal static FileStream OwnerOnlyStream(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    static StreamWriter OwnerOnlyWriter(string path) => new(OwnerOnlyStream(path), new UTF8Encoding(false));
}
