using System.Text;

namespace DpoDesk.Contacts;

/// <summary>
/// Opens a contact file as text: UTF-8 (with or without a byte-order mark) or Windows-1250, the two
/// encodings Polish spreadsheets save in. Detected from the first megabyte unless given.
/// </summary>
public static class CsvInput
{
    /// <summary>Windows-1250, which reads undefined bytes as U+FFFD so that such rows can be rejected.</summary>
    public static Encoding Windows1250 { get; } = CreateWindows1250();

    static Encoding CreateWindows1250()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1250, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>UTF-8 that reads invalid bytes as U+FFFD.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Resolves an encoding name as given on the command line: utf-8, windows-1250 (cp1250), or null to detect.</summary>
    public static Encoding? Named(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "utf-8" or "utf8" => Utf8,
        "windows-1250" or "cp1250" or "1250" => Windows1250,
        _ => throw new ArgumentException($"Unknown encoding '{name}': use utf-8 or windows-1250."),
    };

    /// <summary>Guesses the encoding from the start of a seekable stream and rewinds it.</summary>
    public static Encoding Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        var buffer = new byte[1 << 20];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var sample = buffer.AsSpan(0, read);
        if (sample.StartsWith("\xEF\xBB\xBF"u8))
            return Utf8;
        // Cut a sequence the megabyte split in two, then ask whether the rest is valid UTF-8.
        var end = sample.Length;
        for (var back = 1; back <= 3 && end - back >= 0 && read == buffer.Length; back++)
        {
            if ((sample[end - back] & 0xC0) == 0xC0)
            {
                end -= back;
                break;
            }
            if ((sample[end - back] & 0x80) == 0)
                break;
        }
        return System.Text.Unicode.Utf8.IsValid(sample[..end]) ? Utf8 : Windows1250;
    }

    /// <summary>Opens a file for reading as text, with the given or detected encoding; the stream reports its position for progress.</summary>
    public static (StreamReader Reader, Stream Stream, Encoding Encoding) Open(string path, Encoding? encoding)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        encoding ??= Detect(stream);
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: encoding == Utf8, bufferSize: 1 << 16);
        return (reader, stream, encoding);
    }
}
