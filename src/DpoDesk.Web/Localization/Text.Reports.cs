namespace DpoDesk.Web.Localization;

/// <summary>The dashboard's and the reports' words.</summary>
public static partial class Text
{
    static readonly Dictionary<string, string> ReportEnglishTexts = new(StringComparer.Ordinal)
    {
    };
}
