namespace DpoDesk.Web.Localization;

/// <summary>The chat's words.</summary>
public static partial class Text
{
    static readonly Dictionary<string, string> ChatEnglishTexts = new(StringComparer.Ordinal)
    {
    };
}
