using System.Text.RegularExpressions;
using DpoDesk.Web.Localization;

namespace DpoDesk.Web.Tests;

public sealed partial class LocalizationTests
{
    [Fact]
    public void Every_polish_text_in_the_views_has_an_english_translation()
    {
        var root = FindWebProject();
        var missing = Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TextCall().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Where(text => !Text.HasEnglish(text))
            .ToList();
        Assert.Empty(missing);
    }

    static string FindWebProject()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "DpoDesk.Web")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "src", "DpoDesk.Web");
    }

    [GeneratedRegex("""\bTF?\("((?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex TextCall();
}
