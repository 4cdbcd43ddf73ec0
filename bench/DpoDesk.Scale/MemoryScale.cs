using DpoDesk.Suppression;

namespace DpoDesk.Scale;

/// <summary>What the suppression set costs in memory at ten million keys, by its table and by the managed heap.</summary>
static class MemoryScale
{
    public static void Run(SuppressionKeys keys, Results results)
    {
        const int Keys = 10_000_000;
        Console.WriteLine("Memory: the suppression set at ten million keys");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var set = new SuppressionSet();
        var key = new byte[SuppressionKeys.KeyLength];
        for (var i = 0; i < Keys; i++)
        {
            keys.ForEmail($"osoba.{i}@firma.pl", key);
            set.Add(key, i % 3 == 0 ? SuppressionKind.Erased : SuppressionKind.SharingObjection);
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(set);
        // A HashSet of 16-byte keys, the obvious alternative, for comparison.
        var hashSet = new HashSet<UInt128>(Keys);
        var heap = GC.GetTotalMemory(forceFullCollection: true) - after;
        GC.KeepAlive(hashSet);
        results.Add("memory of the suppression set at 10M keys",
            $"{(double)set.MemoryBytes / set.Count:F1} B/key (table {set.MemoryBytes / 1e6:F0} MB; heap grew {(after - before) / 1e6:F0} MB)",
            $"HashSet of 16-byte keys: {(double)heap / Keys:F1} B/key",
            "≤ 32 B/key");
    }
}
