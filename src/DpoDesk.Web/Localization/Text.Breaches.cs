using DpoDesk.Breaches;

namespace DpoDesk.Web.Localization;

/// <summary>The breach register's words.</summary>
public static partial class Text
{
    public static string IncidentTypeName(IncidentType type) => type switch
    {
        IncidentType.LostOrStolenDevice => T("zgubiony lub skradziony nośnik lub urządzenie"),
        IncidentType.LostOrStolenPaper => T("zgubione lub skradzione dokumenty papierowe"),
        IncidentType.MisdirectedMessage => T("wiadomość lub przesyłka wysłana do niewłaściwego adresata"),
        IncidentType.HackingOrMalware => T("włamanie lub złośliwe oprogramowanie"),
        IncidentType.Phishing => T("phishing"),
        IncidentType.UnauthorisedDisclosure => T("nieuprawnione ujawnienie danych"),
        IncidentType.UnauthorisedAccessByStaff => T("nieuprawniony dostęp pracownika"),
        IncidentType.WrongPublication => T("omyłkowa publikacja"),
        _ => T("inny"),
    };

    public static string CauseName(BreachCause cause) => cause switch
    {
        BreachCause.InternalNonMalicious => T("wewnętrzna, niezamierzona"),
        BreachCause.InternalMalicious => T("wewnętrzna, celowa"),
        BreachCause.ExternalNonMalicious => T("zewnętrzna, niezamierzona"),
        BreachCause.ExternalMalicious => T("zewnętrzna, celowa"),
        _ => T("inna"),
    };

    public static string DataKindName(DataKinds kind) => kind switch
    {
        DataKinds.Simple => T("proste (np. imię, nazwisko, kontakt) — 1"),
        DataKinds.Behavioural => T("behawioralne (np. lokalizacja, nawyki) — 2"),
        DataKinds.Financial => T("finansowe (np. dochody, transakcje) — 3"),
        _ => T("wrażliwe (art. 9 i 10 RODO) — 4"),
    };

    public static string IdentifiabilityName(Identifiability ei) => ei switch
    {
        Identifiability.Negligible => T("znikoma — 0,25"),
        Identifiability.Limited => T("ograniczona — 0,5"),
        Identifiability.Significant => T("znaczna — 0,75"),
        _ => T("pełna — 1"),
    };

    public static string ConfidentialityName(ConfidentialityLoss loss) => loss switch
    {
        ConfidentialityLoss.KnownRecipients => T("do znanych odbiorców — +0,25"),
        ConfidentialityLoss.UnknownRecipients => T("do nieznanych odbiorców — +0,5"),
        _ => T("brak — 0"),
    };

    public static string IntegrityName(IntegrityLoss loss) => loss switch
    {
        IntegrityLoss.Recoverable => T("dane zmienione, do odtworzenia — +0,25"),
        IntegrityLoss.NotRecoverable => T("dane zmienione, nie do odtworzenia — +0,5"),
        _ => T("brak — 0"),
    };

    public static string AvailabilityName(AvailabilityLoss loss) => loss switch
    {
        AvailabilityLoss.Temporary => T("czasowa — +0,25"),
        AvailabilityLoss.Full => T("całkowita — +0,5"),
        _ => T("brak — 0"),
    };

    public static string BandName(SeverityBand band) => band switch
    {
        SeverityBand.Low => T("niska"),
        SeverityBand.Medium => T("średnia"),
        SeverityBand.High => T("wysoka"),
        _ => T("bardzo wysoka"),
    };

    public static string NotificationKindName(NotificationKind kind) => kind switch
    {
        NotificationKind.Initial => T("wstępne"),
        NotificationKind.Supplementary => T("uzupełniające"),
        _ => T("kompletne"),
    };

    /// <summary>Where the 72 hours stand, or what was decided.</summary>
    public static string NotificationStatus(Breach breach, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(breach);
        if (breach.NotifyAuthority is true)
            return breach.AuthorityNotifiedAt is { } at ? TF("zgłoszone {0}", DateTimeText(at)) : T("do zgłoszenia");
        if (breach.NotifyAuthority is false)
            return T("nie zgłaszamy (powody zapisane)");
        var (over, hours, minutes) = BreachRegister.Clock(breach, now);
        return over ? TF("72 h minęły {0} h {1} min temu — brak decyzji", hours, minutes) : TF("zostało {0} h {1} min", hours, minutes);
    }
}
