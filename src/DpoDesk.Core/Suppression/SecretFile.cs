using System.Security.Cryptography;

namespace DpoDesk.Suppression;

/// <summary>
/// The secret of the keyed hashes: generated on first run into a file outside the database,
/// readable by its owner only.
/// </summary>
public static class SecretFile
{
    public static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length < 16)
                throw new InvalidOperationException($"The secret in {path} is shorter than 128 bits.");
            return existing;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var secret = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(secret));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return LoadOrCreate(path);
        }
        return secret;
    }
}
