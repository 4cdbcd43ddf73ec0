namespace DpoDesk.Knowledge;

public enum DiffKind
{
    Same = 0,
    Added = 1,
    Removed = 2,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>What changed between two versions of a text, line by line (longest common subsequence).</summary>
public static class TextDiff
{
    const int MaxLines = 3000;

    public static IReadOnlyList<DiffLine> Lines(string? before, string? after)
    {
        var a = (before ?? "").ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var b = (after ?? "").ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if (a.Length > MaxLines || b.Length > MaxLines)
            return [.. a.Select(l => new DiffLine(DiffKind.Removed, l)), .. b.Select(l => new DiffLine(DiffKind.Added, l))];
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
        }
        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new DiffLine(DiffKind.Same, a[x++]));
                y++;
            }
            else if (common[x + 1, y] >= common[x, y + 1])
            {
                lines.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                lines.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }
        while (x < a.Length)
            lines.Add(new DiffLine(DiffKind.Removed, a[x++]));
        while (y < b.Length)
            lines.Add(new DiffLine(DiffKind.Added, b[y++]));
        return lines;
    }
}
