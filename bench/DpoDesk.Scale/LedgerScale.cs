using System.Diagnostics;
using DpoDesk.Licensing;
using DpoDesk.Persistence;

namespace DpoDesk.Scale;

/// <summary>"Who received record X" after a thousand exports of about a million records each, on SQLite.</summary>
static class LedgerScale
{
    const int Exports = 1000;
    const long Records = 8_000_000;

    public static async Task RunAsync(string dir, Results results)
    {
        Console.WriteLine("Disclosure ledger: 1,000 exports of about 1M records each");
        var folder = Path.Combine(dir, "ledger");
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        await using var db = DatabaseProviders.Open(null, new DataDirectory(folder));
        await Database.MigrateAsync(db, CancellationToken.None);
        var licensee = new Licensee { Company = "Klient", Nip = "1234563218", ContactName = "Anna", ContactEmail = "a@klient.example", ApiKeyHash = new string('0', 64), ApiKeyPrefix = "dpk_000000" };
        db.Licensees.Add(licensee);
        var licence = new Licence { Number = "L-2026-0001", Licensee = licensee, Purpose = "prospecting", StartsOn = new DateOnly(2026, 1, 1), RetentionEndsOn = new DateOnly(2027, 1, 1) };
        db.Licences.Add(licence);
        await db.SaveChangesAsync();

        // Each export: every record of an 8M-id base with probability 1/8 (the AND of three random
        // bytes), about a million; written as an export writes its ledger, one transaction each.
        var clock = Stopwatch.StartNew();
        var random = new Random(11);
        var blocks = (int)(Records >> DisclosureLedger.BlockBits);
        var a = new byte[512];
        var b = new byte[512];
        var c = new byte[512];
        long bytes = 0;
        long sent = 0;
        for (var e = 0; e < Exports; e++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var export = new LicenceExport { LicenceId = licence.Id, CreatedAt = DateTime.UtcNow, RecordCount = 0, CreatedBy = "bench" };
            db.LicenceExports.Add(export);
            await db.SaveChangesAsync();
            var rows = new List<DisclosureBlock>(blocks);
            for (var block = 0; block < blocks; block++)
            {
                random.NextBytes(a);
                random.NextBytes(b);
                random.NextBytes(c);
                var members = new byte[513];
                members[0] = 1;
                for (var i = 0; i < 512; i++)
                {
                    members[i + 1] = (byte)(a[i] & b[i] & c[i]);
                    sent += System.Numerics.BitOperations.PopCount(members[i + 1]);
                }
                rows.Add(new DisclosureBlock { Block = block, ExportId = export.Id, Members = members });
                bytes += members.Length;
            }
            await LicensingDesk.WriteLedgerAsync(db, rows, CancellationToken.None);
            await transaction.CommitAsync();
            db.ChangeTracker.Clear();
        }
        var written = clock.Elapsed;
        Console.WriteLine($"  {sent:N0} disclosures in {bytes / 1e6:F0} MB of ledger, written in {written.TotalSeconds:F0} s");

        var timings = new List<double>();
        var found = 0L;
        for (var i = 0; i < 2200; i++)
        {
            var id = random.NextInt64(Records);
            var start = Stopwatch.GetTimestamp();
            var exports = await DisclosureLedger.ExportsOfAsync(db, [id], CancellationToken.None);
            if (i >= 200)
                timings.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            found += exports.Count;
        }
        var (p50, p99) = Run.Percentiles(timings);
        var dbFile = Path.Combine(folder, "dpodesk.db");
        results.Add($"who received record X, {Exports:N0} exports × ~{sent / Exports / 1e6:F1}M records (SQLite)",
            $"p50 {p50 / 1000:F2} ms, p99 {p99 / 1000:F2} ms (about {found / 2200.0:F0} exports found per record)",
            $"ledger {bytes / 1e6:F0} MB ({(double)bytes / sent:F2} B per disclosure; a row per disclosure would be ≥ 16 B plus its index); file {new FileInfo(dbFile).Length / 1e9:F2} GB",
            "p99 < 10 ms");
    }
}
