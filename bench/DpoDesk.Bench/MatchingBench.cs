using BenchmarkDotNet.Attributes;
using DpoDesk.Matching;

namespace DpoDesk.Bench;

/// <summary>
/// Name keys, used for every phone match and every imported row. Baseline: Unicode decomposition of the
/// whole string, a regex split and LINQ sorting, the way one would first write it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class NameKeyBench
{
    readonly string[] _names = ["Żaneta Łukasik-Wójcik", "Grzegorz Brzęczyszczykiewicz", "ANNA NOWAK", "Zoë Müller", "Jan Kowalski"];

    [Benchmark(Baseline = true)]
    public int Naive()
    {
        var total = 0;
        foreach (var name in _names)
        {
            var decomposed = name.Replace('ł', 'l').Replace('Ł', 'L').Normalize(System.Text.NormalizationForm.FormD);
            var letters = new string(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
            var key = string.Join(' ', System.Text.RegularExpressions.Regex.Split(letters.ToLowerInvariant(), "[\\s-]+").Where(w => w.Length > 0).OrderBy(w => w, StringComparer.Ordinal));
            total += key.Length;
        }
        return total;
    }

    [Benchmark]
    public int NameKey()
    {
        var total = 0;
        foreach (var name in _names)
            total += Identifiers.NameKey(name).Length;
        return total;
    }
}
