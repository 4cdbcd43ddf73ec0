namespace DpoDesk.Web.Localization;

/// <summary>The knowledge base's and the training's words.</summary>
public static partial class Text
{
    static readonly Dictionary<string, string> LearningEnglishTexts = new(StringComparer.Ordinal)
    {
    };
}
