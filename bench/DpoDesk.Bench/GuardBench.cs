using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DpoDesk.Matching;
using DpoDesk.Suppression;

namespace DpoDesk.Bench;

/// <summary>
/// The guard's hot path for one imported row: normalise the e-mail and the phone, key them, look them up.
/// Baseline: the obvious code (string operations, a new HMAC object per call, a hex-string set).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class GuardBench : IDisposable
{
    const int Rows = 10_000;
    readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    (string Email, string Phone, string Name)[] _rows = [];
    SuppressionKeys _keys = null!;
    SuppressionSet _suppressed = null!;
    HashSet<string> _suppressedHex = null!;
    byte[] _derived = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _rows = Enumerable.Range(0, Rows)
            .Select(i => ($"  Jan.Kowalski{i}@Firma{random.Next(1000)}.PL ", $"+48 60{random.Next(10)} {random.Next(1000):D3} {random.Next(1000):D3}", "Jan Kowalski"))
            .ToArray();
        _keys = new SuppressionKeys(_secret);
        _derived = HMACSHA256.HashData(_secret, "dpodesk/suppression/v1"u8);
        _suppressed = new SuppressionSet();
        _suppressedHex = [];
        // One row in ten is suppressed.
        for (var i = 0; i < Rows; i += 10)
        {
            var key = _keys.ForEmail(Identifiers.NormalizeEmail(_rows[i].Email)!);
            _suppressed.Add(key, SuppressionKind.Erased);
            _suppressedHex.Add(Convert.ToHexString(key));
        }
    }

    public void Dispose()
    {
        _keys?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int Naive()
    {
        var hits = 0;
        foreach (var (email, phone, name) in _rows)
        {
            var normalizedEmail = email.Trim().ToLowerInvariant();
            var digits = new string(phone.Where(char.IsDigit).ToArray());
            var normalizedPhone = "+" + digits;
            using var hmac = new HMACSHA256(_derived);
            var emailKey = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes("e:" + normalizedEmail)));
            var phoneKey = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes("p:" + normalizedPhone + "|" + name.ToLowerInvariant())));
            if (_suppressedHex.Contains(emailKey) || _suppressedHex.Contains(phoneKey))
                hits++;
        }
        return hits;
    }

    [Benchmark]
    public int Guard()
    {
        var hits = 0;
        Span<byte> key = stackalloc byte[SuppressionKeys.KeyLength];
        foreach (var (email, phone, name) in _rows)
        {
            var normalizedEmail = Identifiers.NormalizeEmail(email)!;
            var normalizedPhone = Identifiers.NormalizePhone(phone)!;
            _keys.ForEmail(normalizedEmail, key);
            if (_suppressed.BlocksImport(key))
            {
                hits++;
                continue;
            }
            _keys.ForPhoneAndName(normalizedPhone, Identifiers.NameKey(name), key);
            if (_suppressed.BlocksImport(key))
                hits++;
        }
        return hits;
    }
}
