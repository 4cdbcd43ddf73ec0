using System.Globalization;
using System.Text;

namespace DpoDesk.Requests;

/// <summary>A record described to the person in the result: only records tied to the confirmed e-mail.</summary>
public sealed record DescribedRecord(
    string FullName,
    string? CompanyName,
    string? Position,
    string SourceName,
    DateOnly AcquiredOn,
    bool SourceIsPublic,
    string LegalBasis);

/// <summary>What processing found and did, the material of the result e-mail and SMS.</summary>
public sealed record ProcessingReport(
    IReadOnlyList<DescribedRecord> Described,
    int FoundByEmail,
    int FoundByPhoneAndName,
    int Erased,
    int Restricted)
{
    public bool AnythingFound => FoundByEmail + FoundByPhoneAndName > 0;
}

public sealed record RenderedMessage(string Subject, string Body);

/// <summary>
/// Writes the messages of a request in the person's language. Rendering is separate from delivery:
/// the outbox stores what this returns.
/// </summary>
public static class RequestMessages
{
    static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    const string SignaturePl = "Dział Inspektora Ochrony Danych";
    const string SignatureEn = "Data Protection Officer's office";

    static bool IsEnglish(Request request) => request.Language == "en";

    public static RenderedMessage Confirmation(Request request, Uri confirmationLink)
    {
        var en = IsEnglish(request);
        var text = new StringBuilder();
        if (en)
        {
            text.Append("Hello,\n\n");
            text.Append(CultureInfo.InvariantCulture, $"we have received your request no. {request.Number} of {Date(request.ReceivedAt, en)}.\n\n");
            text.Append("You asked us to:\n");
        }
        else
        {
            text.Append("Dzień dobry,\n\n");
            text.Append(CultureInfo.InvariantCulture, $"otrzymaliśmy Twoje zgłoszenie nr {request.Number} z dnia {Date(request.ReceivedAt, en)}.\n\n");
            text.Append("Prosisz nas o:\n");
        }
        foreach (var action in ActionNames(request.Actions, en))
            text.Append(CultureInfo.InvariantCulture, $" - {action}\n");

        text.Append(en ? "\nThe data you gave:\n" : "\nPodane dane:\n");
        text.Append(CultureInfo.InvariantCulture, $" {(en ? "Full name" : "Imię i nazwisko")}: {request.FullName}\n");
        text.Append(CultureInfo.InvariantCulture, $" E-mail: {request.Email}\n");
        if (request.Phone is not null)
            text.Append(CultureInfo.InvariantCulture, $" {(en ? "Phone" : "Telefon")}: {request.Phone}\n");

        var until = DateTime(request.ConfirmationExpiresAt, en);
        if (en)
        {
            text.Append("\nTo confirm that this address is yours and let us act on your request, open this link:\n");
            text.Append(CultureInfo.InvariantCulture, $"{confirmationLink}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"The link is valid until {until}. If the request is not confirmed by then, it expires and the data above are deleted.\n");
            text.Append("If you did not send this request, ignore this message: nothing will be done.\n\n");
            text.Append(SignatureEn).Append('\n');
            return new RenderedMessage($"Confirm your request {request.Number}", text.ToString());
        }
        text.Append("\nAby potwierdzić, że ten adres należy do Ciebie, i rozpocząć realizację zgłoszenia, otwórz link:\n");
        text.Append(CultureInfo.InvariantCulture, $"{confirmationLink}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Link jest ważny do {until}. Jeśli zgłoszenie nie zostanie do tego czasu potwierdzone, wygaśnie, a podane wyżej dane usuniemy.\n");
        text.Append("Jeśli to nie Ty wysłałeś(-aś) to zgłoszenie, zignoruj tę wiadomość: nic nie zrobimy.\n\n");
        text.Append(SignaturePl).Append('\n');
        return new RenderedMessage($"Potwierdź zgłoszenie {request.Number}", text.ToString());
    }

    public static RenderedMessage Result(Request request, ProcessingReport report)
    {
        var en = IsEnglish(request);
        var text = new StringBuilder();
        text.Append(en ? "Hello,\n\n" : "Dzień dobry,\n\n");
        text.Append(en
            ? $"your request no. {request.Number} has been completed on {DateTime(request.CompletedAt ?? request.ReceivedAt, en)}.\n\n"
            : $"Twoje zgłoszenie nr {request.Number} zostało zrealizowane {DateTime(request.CompletedAt ?? request.ReceivedAt, en)}.\n\n");

        if (!report.AnythingFound)
        {
            text.Append(en
                ? "We found no data about you in our contact base: no record with your e-mail address, nor with your phone number and name.\n"
                : "Nie znaleźliśmy Twoich danych w naszej bazie kontaktów: żadnego rekordu z Twoim adresem e-mail ani z Twoim numerem telefonu i imieniem i nazwiskiem.\n");
            if (request.Actions.HasFlag(RequestActions.Erasure) || request.Actions.HasFlag(RequestActions.SharingObjection))
            {
                text.Append(en
                    ? "We have nevertheless put your identifiers (as irreversible codes, not in plain form) on our suppression list, so that your data will not be collected or shared in future.\n"
                    : "Mimo to wpisaliśmy Twoje identyfikatory (jako nieodwracalne kody, nie w postaci jawnej) na listę zastrzeżeń, aby Twoje dane nie zostały w przyszłości pozyskane ani udostępnione.\n");
            }
        }
        else
        {
            if (request.Actions.HasFlag(RequestActions.SourceInquiry))
                AppendSources(text, report, en);
            if (request.Actions.HasFlag(RequestActions.SharingObjection))
                AppendObjection(text, report, en);
            if (request.Actions.HasFlag(RequestActions.Erasure))
                AppendErasure(text, report, en);
        }

        text.Append(en
            ? "\nIf you disagree with how we handled your request, you may lodge a complaint with the President of the Personal Data Protection Office (Prezes UODO, ul. Stawki 2, 00-193 Warszawa) or seek a remedy in court.\n\n"
            : "\nJeśli nie zgadzasz się ze sposobem załatwienia zgłoszenia, możesz wnieść skargę do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa) lub dochodzić swoich praw przed sądem.\n\n");
        text.Append(en ? SignatureEn : SignaturePl).Append('\n');
        return new RenderedMessage(
            en ? $"Your request {request.Number} has been completed" : $"Zgłoszenie {request.Number} zostało zrealizowane",
            text.ToString());
    }

    static void AppendSources(StringBuilder text, ProcessingReport report, bool en)
    {
        text.Append(en ? "WHERE YOUR DATA CAME FROM\n" : "SKĄD POCHODZĄ TWOJE DANE\n");
        if (report.Described.Count == 0)
        {
            text.Append(en
                ? "We hold no record with your e-mail address, so there is no source to report.\n"
                : "Nie mamy rekordu z Twoim adresem e-mail, więc nie ma źródła, które moglibyśmy wskazać.\n");
        }
        for (var i = 0; i < report.Described.Count; i++)
        {
            var r = report.Described[i];
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {r.FullName}");
            if (r.Position is not null)
                text.Append(CultureInfo.InvariantCulture, $", {r.Position}");
            if (r.CompanyName is not null)
                text.Append(CultureInfo.InvariantCulture, $", {r.CompanyName}");
            text.Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"   {(en ? "Source" : "Źródło")}: {r.SourceName} ({(r.SourceIsPublic ? (en ? "a publicly accessible source" : "źródło publicznie dostępne") : (en ? "not a publicly accessible source" : "źródło niepubliczne"))})\n");
            text.Append(CultureInfo.InvariantCulture, $"   {(en ? "Obtained on" : "Data pozyskania")}: {Date(r.AcquiredOn, en)}\n");
            text.Append(CultureInfo.InvariantCulture, $"   {(en ? "Legal basis" : "Podstawa prawna")}: {r.LegalBasis}\n");
        }
        if (report.FoundByPhoneAndName > 0)
        {
            text.Append(en
                ? $"We also found {report.FoundByPhoneAndName} record(s) with your phone number and name but a different e-mail address. To protect whoever uses that address, we do not describe them here.\n"
                : $"Znaleźliśmy też rekordy z Twoim numerem telefonu i imieniem i nazwiskiem, ale innym adresem e-mail (liczba: {report.FoundByPhoneAndName}). Aby chronić osobę używającą tamtego adresu, nie opisujemy ich tutaj.\n");
        }
        text.Append('\n');
    }

    static void AppendObjection(StringBuilder text, ProcessingReport report, bool en)
    {
        text.Append(en ? "OBJECTION TO SHARING\n" : "SPRZECIW WOBEC UDOSTĘPNIANIA\n");
        text.Append(en
            ? $"We have barred {report.Restricted} record(s) about you from being shared with other companies, and put your identifiers on our suppression list, so that they are never shared in future.\n\n"
            : $"Zablokowaliśmy udostępnianie innym firmom rekordów z Twoimi danymi (liczba: {report.Restricted}) i wpisaliśmy Twoje identyfikatory na listę zastrzeżeń, aby nie były udostępniane także w przyszłości.\n\n");
    }

    static void AppendErasure(StringBuilder text, ProcessingReport report, bool en)
    {
        text.Append(en ? "ERASURE\n" : "USUNIĘCIE DANYCH\n");
        text.Append(en
            ? $"We have deleted {report.Erased} record(s) about you from our contact base. Your identifiers are kept only as irreversible codes on our suppression list, so that your data are not collected again.\n\n"
            : $"Usunęliśmy z naszej bazy kontaktów rekordy z Twoimi danymi (liczba: {report.Erased}). Twoje identyfikatory zachowujemy wyłącznie jako nieodwracalne kody na liście zastrzeżeń, aby Twoje dane nie zostały ponownie pozyskane.\n\n");
    }

    /// <summary>One or two sentences; the request number is the only detail (no other personal data in an SMS).</summary>
    public static string ResultSms(Request request, ProcessingReport report)
    {
        var en = IsEnglish(request);
        var erased = report.Erased > 0;
        return (en, report.AnythingFound, erased) switch
        {
            (true, false, _) => $"Your request {request.Number} has been completed: we found no data about you. Details are in the e-mail we sent.",
            (true, true, true) => $"Your request {request.Number} has been completed: we found your data and deleted it. Details are in the e-mail we sent.",
            (true, true, false) => $"Your request {request.Number} has been completed: we found your data. Details are in the e-mail we sent.",
            (false, false, _) => $"Zgłoszenie {request.Number} zostało zrealizowane: nie znaleźliśmy Twoich danych. Szczegóły wysłaliśmy e-mailem.",
            (false, true, true) => $"Zgłoszenie {request.Number} zostało zrealizowane: znaleźliśmy Twoje dane i je usunęliśmy. Szczegóły wysłaliśmy e-mailem.",
            (false, true, false) => $"Zgłoszenie {request.Number} zostało zrealizowane: znaleźliśmy Twoje dane. Szczegóły wysłaliśmy e-mailem.",
        };
    }

    public static IEnumerable<string> ActionNames(RequestActions actions, bool en)
    {
        if (actions.HasFlag(RequestActions.Erasure))
            yield return en ? "erase your data" : "usunięcie Twoich danych";
        if (actions.HasFlag(RequestActions.SourceInquiry))
            yield return en ? "tell you where your data came from" : "informację, skąd pochodzą Twoje dane";
        if (actions.HasFlag(RequestActions.SharingObjection))
            yield return en ? "stop sharing your data with other companies" : "zaprzestanie udostępniania Twoich danych innym firmom";
    }

    static string Date(DateTime utc, bool en) => Date(Deadlines.PolishDate(utc), en);

    static string Date(DateOnly date, bool en) =>
        date.ToString(en ? "d MMMM yyyy" : "d MMMM yyyy 'r.'", en ? English : Polish);

    static string DateTime(DateTime utc, bool en)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Warsaw);
        return local.ToString(en ? "d MMMM yyyy, HH:mm" : "d MMMM yyyy 'r.', 'godz.' HH:mm", en ? English : Polish);
    }
}
