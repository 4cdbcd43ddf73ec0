using DpoDesk.Reports;

namespace DpoDesk.Web.Localization;

/// <summary>The dashboard's and the reports' words.</summary>
public static partial class Text
{
    public static string AttentionName(AttentionKind kind) => kind switch
    {
        AttentionKind.RequestsOverdue => T("zgłoszenia po terminie ustawowym"),
        AttentionKind.RequestsDueSoon => T("zgłoszenia z bliskim terminem (cel 72 h w ciągu doby lub termin ustawowy w ciągu tygodnia)"),
        AttentionKind.RequestsAwaitingReview => T("zgłoszenia do przeglądu"),
        AttentionKind.RequestsNew => T("nowe zgłoszenia do realizacji lub weryfikacji"),
        AttentionKind.BreachesWithinClock => T("naruszenia w trakcie 72 godzin na decyzję o zgłoszeniu"),
        AttentionKind.BreachesPastClock => T("naruszenia po 72 godzinach bez decyzji o zgłoszeniu"),
        AttentionKind.RegulatorLettersDue => T("pisma UODO z terminem w ciągu 3 dni lub po terminie"),
        AttentionKind.InquiriesUnanswered => T("zapytania bez odpowiedzi"),
        AttentionKind.ChatsUnanswered => T("rozmowy na czacie bez odpowiedzi"),
        _ => kind.ToString(),
    };

    static readonly Dictionary<string, string> ReportEnglishTexts = new(StringComparer.Ordinal)
    {
    };
}
