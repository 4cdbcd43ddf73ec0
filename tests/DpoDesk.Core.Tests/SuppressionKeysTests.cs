using System.Security.Cryptography;
using DpoDesk.Suppression;

namespace DpoDesk.Tests;

public sealed class SuppressionKeysTests
{
    static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void The_same_identifier_gives_the_same_key_and_another_secret_another_key()
    {
        var keys = new SuppressionKeys(Secret);
        Assert.Equal(keys.ForEmail("jan@firma.pl"), keys.ForEmail("jan@firma.pl"));
        Assert.NotEqual(keys.ForEmail("jan@firma.pl"), new SuppressionKeys(RandomNumberGenerator.GetBytes(32)).ForEmail("jan@firma.pl"));
    }

    [Fact]
    public void Keys_are_not_the_identifier_nor_its_plain_hash()
    {
        var key = new SuppressionKeys(Secret).ForEmail("jan@firma.pl");
        Assert.Equal(16, key.Length);
        Assert.NotEqual(SHA256.HashData("jan@firma.pl"u8), key);
        Assert.NotEqual(SHA256.HashData("e:jan@firma.pl"u8), key);
    }

    [Fact]
    public void Purposes_and_kinds_of_identifier_never_share_a_key()
    {
        var keys = new SuppressionKeys(Secret);
        Assert.NotEqual(keys.ForEmail("x@y.pl"), keys.ForRequestLookup("x@y.pl"));
        Assert.NotEqual(keys.ForPhoneAndName("+48601234567", "jan kowalski"), keys.ForPhoneAndName("+48601234567", "anna nowak"));
    }

    [Fact]
    public void The_span_and_the_array_forms_agree()
    {
        var keys = new SuppressionKeys(Secret);
        Span<byte> key = stackalloc byte[SuppressionKeys.KeyLength];
        keys.ForEmail("jan@firma.pl", key);
        Assert.Equal(keys.ForEmail("jan@firma.pl"), key.ToArray());
        keys.ForPhoneAndName("+48601234567", "jan kowalski", key);
        Assert.Equal(keys.ForPhoneAndName("+48601234567", "jan kowalski"), key.ToArray());
    }

    [Fact]
    public void A_short_secret_is_refused() => Assert.Throws<ArgumentException>(() => new SuppressionKeys(new byte[8]));

    [Fact]
    public void The_secret_file_is_made_once_and_readable_only_by_its_owner()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var path = Path.Combine(folder, "secrets", "key");
            var first = SecretFile.LoadOrCreate(path);
            Assert.Equal(first, SecretFile.LoadOrCreate(path));
            Assert.True(first.Length >= 16);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_in_memory_set_finds_exactly_the_keys_added_and_knows_which_block_an_import()
    {
        var keys = new SuppressionKeys(Secret);
        var set = new SuppressionSet(expected: 4);
        set.Add(keys.ForEmail("erased@b.pl"), SuppressionKind.Erased);
        set.Add(keys.ForEmail("objected@b.pl"), SuppressionKind.SharingObjection);
        set.Add(keys.ForPhone("+48601234567"), SuppressionKind.ExternalList);
        // Growing past the first table keeps every key and its kind.
        for (var i = 0; i < 10_000; i++)
            set.Add(keys.ForEmail($"filler{i}@b.pl"), i % 2 == 0 ? SuppressionKind.Erased : SuppressionKind.SharingObjection);

        Assert.True(set.BlocksImport(keys.ForEmail("erased@b.pl")));
        Assert.True(set.BlocksExport(keys.ForEmail("erased@b.pl")));
        Assert.False(set.BlocksImport(keys.ForEmail("objected@b.pl")));
        Assert.True(set.BlocksExport(keys.ForEmail("objected@b.pl")));
        Assert.True(set.BlocksExport(keys.ForPhone("+48601234567")));
        Assert.False(set.BlocksExport(keys.ForEmail("c@b.pl")));
        Assert.True(set.BlocksImport(keys.ForEmail("filler9998@b.pl")));
        Assert.False(set.BlocksImport(keys.ForEmail("filler9999@b.pl")));
        Assert.True(set.BlocksExport(keys.ForEmail("filler9999@b.pl")));
        Assert.Equal(10_003, set.Count);
        // An objection that turns into an erasure blocks imports from then on.
        set.Add(keys.ForEmail("objected@b.pl"), SuppressionKind.Erased);
        Assert.True(set.BlocksImport(keys.ForEmail("objected@b.pl")));
        Assert.Equal(10_003, set.Count);
    }

    [Fact]
    public void At_ten_million_keys_the_set_takes_at_most_32_bytes_a_key()
    {
        // The table's size is a function of the count alone; filling it is the benchmark's job.
        var set = new SuppressionSet(expected: 10_000_000);
        Assert.True(set.MemoryBytes / 10_000_000.0 <= 32, $"{set.MemoryBytes / 10_000_000.0} bytes a key");
    }

    [Fact]
    public void A_rotation_re_keys_stored_keys_to_what_the_new_generation_computes_from_the_identifier()
    {
        var rotation = RandomNumberGenerator.GetBytes(32);
        var before = new SuppressionKeys(Secret);
        var after = new SuppressionKeys(Secret, [rotation]);
        var stored = before.ForEmail("jan@firma.pl");
        var rekeyed = new byte[SuppressionKeys.KeyLength];
        SuppressionKeys.Rekey(stored, rotation, rekeyed);

        Assert.Equal(after.ForEmail("jan@firma.pl"), rekeyed);
        Assert.NotEqual(stored, rekeyed);
        Assert.Equal(1, after.Generation);
        Assert.Equal(after.ForPhoneAndName("+48601234567", "jan kowalski"), Rekeyed(before.ForPhoneAndName("+48601234567", "jan kowalski"), rotation));
    }

    static byte[] Rekeyed(byte[] stored, byte[] rotation)
    {
        var result = new byte[SuppressionKeys.KeyLength];
        SuppressionKeys.Rekey(stored, rotation, result);
        return result;
    }

    [Theory]
    // The reference vectors of SipHash-2-4 with a 128-bit output (vectors_sip128 in the authors'
    // reference implementation): key 00 01 .. 0f, message 00 01 .. (length - 1).
    [InlineData(0, "a3817f04ba25a8e66df67214c7550293")]
    [InlineData(1, "da87c1d86b99af44347659119b22fc45")]
    [InlineData(7, "a1f1ebbed8dbc153c0b84aa61ff08239")]
    [InlineData(8, "3b62a9ba6258f5610f83e264f31497b4")]
    [InlineData(15, "5493e99933b0a8117e08ec0f97cfc3d9")]
    [InlineData(16, "6ee2a4ca67b054bbfd3315bf85230577")]
    [InlineData(63, "5150d1772f50834a503e069a973fbd7c")]
    public void SipHash_gives_the_reference_vectors(int length, string expected)
    {
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var output = new byte[16];
        SipHash.Hash128(key, message, output);
        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void SipHash_into_eight_bytes_gives_the_first_half_of_the_output_and_other_lengths_are_refused()
    {
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var message = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();
        var half = new byte[8];
        SipHash.Hash128(key, message, half);
        Assert.Equal("5493e99933b0a811", Convert.ToHexStringLower(half));
        Assert.Throws<ArgumentException>(() => SipHash.Hash128(key, message, new byte[12]));
        Assert.Throws<ArgumentException>(() => SipHash.Hash128(key, message, new byte[32]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_look_up_key_is_the_first_half_of_the_stored_key_in_every_generation(int rotations)
    {
        var keys = new SuppressionKeys(Secret, Enumerable.Range(0, rotations).Select(_ => RandomNumberGenerator.GetBytes(32)));
        Span<byte> half = stackalloc byte[SuppressionSet.FingerprintLength];
        keys.ForEmail("jan@firma.pl", half);
        Assert.Equal(keys.ForEmail("jan@firma.pl")[..8], half.ToArray());
        keys.ForPhoneAndName("+48601234567", "jan kowalski", half);
        Assert.Equal(keys.ForPhoneAndName("+48601234567", "jan kowalski")[..8], half.ToArray());
        keys.ForSha256(SHA256.HashData("jan@firma.pl"u8), half);
        Assert.Equal(keys.ForSha256(SHA256.HashData("jan@firma.pl"u8))[..8], half.ToArray());
    }
}
