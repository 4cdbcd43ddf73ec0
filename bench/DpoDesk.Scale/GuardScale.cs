using System.Diagnostics;
using DpoDesk.Contacts;
using DpoDesk.Matching;
using DpoDesk.Suppression;
using nietras.SeparatedValues;

namespace DpoDesk.Scale;

/// <summary>The guard over the whole file against awk's anti-join and against the sum of its own parts.</summary>
static class GuardScale
{
    public static async Task RunAsync(string contacts, string suppressedEmails, string dir, long rows, int runs, bool baselines, SuppressionKeys keys, Results results)
    {
        Console.WriteLine("Guard: a client's list through the suppression list");
        // A million e-mails, and the phone with the name of another hundred thousand people: the two
        // kinds of key an erasure leaves, so the guard makes both for every row.
        var set = new SuppressionSet(1_100_000)
        {
            Identifiers = new HashSet<SuppressedIdentifier> { SuppressedIdentifier.Email, SuppressedIdentifier.PhoneAndName, SuppressedIdentifier.PhoneHint },
            PhoneHintsComplete = true,
        };
        foreach (var email in File.ReadLines(suppressedEmails))
            set.Add(keys.ForEmail(email), SuppressionKind.Erased);
        var byPhone = 0L;
        for (var i = 5L; i < rows; i += 100)
        {
            var person = SyntheticData.At(i);
            set.Add(keys.ForPhoneAndName(Identifiers.NormalizePhone(person.Phone)!, Identifiers.NameKey(person.Name)), SuppressionKind.Erased);
            set.AddPhoneHint(keys.ForPhoneHint(Identifiers.NormalizePhone(person.Phone)!));
            byPhone++;
        }
        var guard = new IdentifierGuard(keys, set);

        // Warm the file into the page cache, so every contender reads it from memory.
        Run.Shell($"cat '{contacts}' > /dev/null");

        var output = Path.Combine(dir, "guarded.csv");
        var guardTimes = new List<TimeSpan>();
        GuardSummary summary = null!;
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await using (var reader = new FileStream(contacts, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            await using (var writer = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1))
                summary = await GuardFile.FilterAsync(reader, writer, CsvInput.Utf8, guard, null, keepUnchecked: false, null, CancellationToken.None);
            guardTimes.Add(clock.Elapsed);
            Console.WriteLine($"  the guard: {clock.Elapsed.TotalSeconds:F2} s; kept {summary.Kept:N0}, left out {summary.Suppressed:N0}, unchecked {summary.Unchecked:N0}");
        }
        if (summary.Suppressed != (rows + 9) / 10 + byPhone)
            throw new InvalidOperationException($"The guard left out {summary.Suppressed}, expected {(rows + 9) / 10 + byPhone}.");
        var guardTime = Run.Median(guardTimes);
        if (!baselines)
            return;

        var awkOutput = Path.Combine(dir, "guarded-awk.csv");
        var awkTimes = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            awkTimes.Add(Run.Shell($"LC_ALL=C awk -F, 'NR==FNR {{ s[$0]; next }} FNR == 1 || !(tolower($2) in s)' '{suppressedEmails}' '{contacts}' > '{awkOutput}'"));
            Console.WriteLine($"  awk: {awkTimes[^1].TotalSeconds:F2} s");
        }
        var awk = Run.Median(awkTimes);
        var awkKept = File.ReadLines(awkOutput).LongCount() - 1;
        if (awkKept != summary.Kept + byPhone)
            throw new InvalidOperationException($"awk kept {awkKept}, the guard {summary.Kept} and {byPhone} more by phone and name.");

        var parts = Enumerable.Range(0, runs).Select(_ => Parts(contacts, rows, keys, set)).ToList();
        var (parse, hashing, lookups) = (Run.Median(parts.Select(p => p.Parse)), Run.Median(parts.Select(p => p.Hashing)), Run.Median(parts.Select(p => p.Lookups)));
        var limit = parse + hashing + lookups;
        var median = runs > 1 ? $"; medians of {runs} runs, the guard's first {guardTimes[0].TotalSeconds:F1} s ({awk / guardTimes[0]:F1}× awk)" : "";
        results.Add(
            $"guard a {rows / 1e6:F0}M-row CSV (normalise, key e-mail and phone, look up, write)",
            $"{Run.RowsPerSecond(rows, guardTime)}; {awk / guardTime:F1}× awk, {limit / guardTime:P0} of the limit",
            $"awk anti-join on the million plain e-mails: {Run.RowsPerSecond(rows, awk)}; limit (Sep parse {parse.TotalSeconds:F1} s + keyed hashing {hashing.TotalSeconds:F1} s + set look-ups {lookups.TotalSeconds:F1} s, one core): {Run.RowsPerSecond(rows, limit)}{median}",
            "≥ 5× awk, ≥ 60% of the limit");
    }

    /// <summary>
    /// The work the guard cannot avoid, each part alone on one core: Sep reading the three columns;
    /// the two SipHash keys of a row (the e-mail, the phone); two look-ups. Hashing
    /// and look-ups are timed on a million rows' identifiers held in memory and scaled to the file.
    /// </summary>
    static (TimeSpan Parse, TimeSpan Hashing, TimeSpan Lookups) Parts(string contacts, long rows, SuppressionKeys keys, SuppressionSet set)
    {
        var clock = Stopwatch.StartNew();
        long touched = 0;
        using (var reader = Sep.Reader(o => o with { DisableColCountCheck = true }).FromFile(contacts))
        {
            foreach (var row in reader)
                touched += row[0].Span.Length + row[1].Span.Length + row[2].Span.Length;
        }
        var parse = clock.Elapsed;
        GC.KeepAlive(touched);

        const int Sample = 1_000_000;
        var emails = new string[Sample];
        var phones = new string[Sample];
        for (var i = 0; i < Sample; i++)
        {
            var person = SyntheticData.At(i);
            emails[i] = Identifiers.NormalizeEmail(person.Email)!;
            phones[i] = Identifiers.NormalizePhone(person.Phone)!;
        }
        var keyBytes = new byte[Sample * 2 * SuppressionSet.FingerprintLength];
        // Once to warm up (the methods reach their optimised code), then timed.
        Hash();
        clock.Restart();
        Hash();
        var hashing = clock.Elapsed * ((double)rows / Sample);

        LookUp();
        clock.Restart();
        var found = LookUp();
        var lookups = clock.Elapsed * ((double)rows / Sample);
        GC.KeepAlive(found);
        return (parse, hashing, lookups);

        void Hash()
        {
            for (var i = 0; i < Sample; i++)
            {
                var at = i * 2 * SuppressionSet.FingerprintLength;
                keys.ForEmail(emails[i], keyBytes.AsSpan(at, SuppressionSet.FingerprintLength));
                keys.ForPhoneHint(phones[i], keyBytes.AsSpan(at + SuppressionSet.FingerprintLength, SuppressionSet.FingerprintLength));
            }
        }

        int LookUp()
        {
            var found = 0;
            for (var k = 0; k < Sample * 2; k++)
            {
                if (set.BlocksExport(keyBytes.AsSpan(k * SuppressionSet.FingerprintLength, SuppressionSet.FingerprintLength)))
                    found++;
            }
            return found;
        }
    }
}
