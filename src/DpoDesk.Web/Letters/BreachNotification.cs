using System.Globalization;
using DpoDesk.Breaches;
using DpoDesk.Web.Localization;

namespace DpoDesk.Web.Letters;

/// <summary>A breach notification laid out in the sections of the UODO form.</summary>
public static class BreachNotification
{
    static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    public static IReadOnlyList<DocumentSection> Sections(Breach breach, ControllerOptions controller)
    {
        ArgumentNullException.ThrowIfNull(breach);
        ArgumentNullException.ThrowIfNull(controller);
        string When(DateTime? utc) => utc is { } at ? Requests.Deadlines.ToPolishLocal(at).ToString("d MMMM yyyy, HH:mm", Polish) : "nie ustalono";
        var severity = breach.Severity();
        var late = breach.DecidedAt is { } decided && decided > breach.NotificationDeadline;
        return
        [
            new("Rodzaj zgłoszenia", [breach.NotificationKind switch
            {
                NotificationKind.Initial => "zgłoszenie wstępne (informacje będą uzupełniane, art. 33 ust. 4)",
                NotificationKind.Supplementary => "zgłoszenie uzupełniające",
                _ => "zgłoszenie kompletne",
            }]),
            new("Administrator", [$"Nazwa: {controller.Name}", $"Adres: {controller.Address}", $"NIP: {controller.Nip ?? "—"}"]),
            new("Inspektor ochrony danych", [$"{controller.DpoName}", $"E-mail: {controller.DpoEmail}", $"Telefon: {controller.DpoPhone ?? "—"}"]),
            new("Czas naruszenia", [
                $"Stwierdzenie naruszenia: {When(breach.AwareAt)}",
                $"Początek naruszenia: {When(breach.StartedAt)}",
                $"Koniec naruszenia: {When(breach.EndedAt)}",
                late || breach.DelayReason is not null ? $"Przyczyny opóźnienia: {breach.DelayReason ?? "—"}" : "Zgłoszenie w ciągu 72 godzin od stwierdzenia."]),
            new("Charakter naruszenia", [
                $"Opis: {breach.Nature}",
                $"Rodzaj incydentu: {Text.IncidentTypeName(breach.IncidentType)}",
                $"Przyczyna: {Text.CauseName(breach.Cause)}",
                $"Naruszenie poufności: {Text.ConfidentialityName(breach.Confidentiality)}; integralności: {Text.IntegrityName(breach.Integrity)}; dostępności: {Text.AvailabilityName(breach.Availability)}"]),
            new("Liczba osób i wpisów", [$"Przybliżona liczba osób: {breach.PersonsApprox.ToString("N0", Polish)}", $"Przybliżona liczba wpisów: {breach.RecordsApprox.ToString("N0", Polish)}"]),
            new("Kategorie danych", [breach.DataCategories ?? "—"]),
            new("Kategorie osób", [breach.PersonCategories ?? "—"]),
            new("Możliwe konsekwencje", [
                breach.Consequences ?? "—",
                string.Create(Polish, $"Ocena wagi metodą ENISA: {severity.Score:0.00} ({Text.BandName(severity.Band)}); SE = DPC {severity.Dpc} × EI {severity.Ei} + CB {severity.Cb}."),
                $"Wysokie ryzyko dla praw i wolności osób: {(breach.NotifyPersons == true ? "tak" : "nie")}"]),
            new("Środki", [
                $"Przed naruszeniem: {breach.MeasuresBefore ?? "—"}",
                $"Zaradcze, by zmniejszyć skutki: {breach.MeasuresMitigation ?? "—"}",
                $"By naruszenie się nie powtórzyło: {breach.MeasuresAgainstRecurrence ?? "—"}"]),
            new("Zawiadomienie osób (art. 34)", [
                breach.NotifyPersons == true ? "Osoby zostaną zawiadomione." : "Osoby nie zostaną zawiadomione.",
                $"Uzasadnienie: {breach.PersonsDecisionReason ?? "—"}"]),
        ];
    }
}
