namespace DpoDesk;

/// <summary>File names that came from outside (an upload, an e-mail attachment), made safe to store and to offer as a download.</summary>
public static class FileNames
{
    /// <summary>
    /// The last path part, letters, digits, '.', '-', '_' (and spaces where allowed) only; <paramref name="fallback"/>
    /// when nothing usable is left or it is over 100 characters; with <paramref name="extension"/> when given.
    /// </summary>
    public static string Safe(string? given, string fallback, string? extension = null, bool allowSpaces = false)
    {
        var name = Path.GetFileName(given ?? "");
        var safe = new string(name.Where(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' || (allowSpaces && c == ' ')).ToArray()).Trim();
        if (safe.Length is 0 or > 100)
            safe = fallback;
        return extension is null ? safe : Path.ChangeExtension(safe, extension);
    }
}
