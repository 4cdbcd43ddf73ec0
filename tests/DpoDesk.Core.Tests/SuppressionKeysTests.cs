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
        Assert.Equal(32, key.Length);
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
        Span<byte> key = stackalloc byte[32];
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
    public void The_in_memory_set_finds_exactly_the_keys_added()
    {
        var keys = new SuppressionKeys(Secret);
        var set = new SuppressedKeys();
        set.Add(keys.ForEmail("a@b.pl"));
        Assert.True(set.Contains(keys.ForEmail("a@b.pl")));
        Assert.False(set.Contains(keys.ForEmail("c@b.pl")));
    }
}
