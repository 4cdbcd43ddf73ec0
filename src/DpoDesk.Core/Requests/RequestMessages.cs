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
    string LegalBasis,
    IReadOnlyList<(string Name, DateOnly AcquiredOn)>? OtherSources = null,
    IReadOnlyList<(string Company, string Nip, DateOnly Since)>? Recipients = null);

/// <summary>What processing found and did, the material of the result e-mail and SMS.</summary>
public sealed record ProcessingReport(
    IReadOnlyList<DescribedRecord> Described,
    int FoundByEmail,
    int FoundByPhoneAndName,
    int Erased,
    int Restricted,
    Records.ProcessingActivity? Processing = null)
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

    static bool IsEnglish(Request request) => request.Language == "en";

    static string Language(Request request) => IsEnglish(request) ? "en" : "pl";

    static RenderedMessage BuiltIn(string key, Request request)
    {
        var definition = ReplyTemplates.Definition(key);
        return IsEnglish(request) ? definition.English : definition.Polish;
    }

    public static RenderedMessage Confirmation(Request request, Uri confirmationLink) =>
        Confirmation(request, confirmationLink, BuiltIn(ReplyTemplates.Confirmation, request));

    public static RenderedMessage Confirmation(Request request, Uri confirmationLink, RenderedMessage template)
    {
        var en = IsEnglish(request);
        var data = new StringBuilder();
        data.Append(CultureInfo.InvariantCulture, $" {(en ? "Full name" : "Imię i nazwisko")}: {request.FullName}\n");
        data.Append(CultureInfo.InvariantCulture, $" E-mail: {request.Email}");
        if (request.Phone is not null)
            data.Append(CultureInfo.InvariantCulture, $"\n {(en ? "Phone" : "Telefon")}: {request.Phone}");
        return ReplyTemplates.Fill(template, new Dictionary<string, string>
        {
            ["number"] = request.Number,
            ["received_on"] = Date(request.ReceivedAt, en),
            ["actions"] = string.Join("\n", ActionNames(request.Actions, en).Select(a => " - " + a)),
            ["data"] = data.ToString(),
            ["link"] = confirmationLink.ToString(),
            ["valid_until"] = DateTime(request.ConfirmationExpiresAt, en),
        });
    }

    public static RenderedMessage Result(Request request, ProcessingReport report) =>
        Result(request, report, BuiltIn(ReplyTemplates.Result, request));

    public static RenderedMessage Result(Request request, ProcessingReport report, RenderedMessage template)
    {
        var en = IsEnglish(request);
        var text = new StringBuilder();
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
        return ReplyTemplates.Fill(template, new Dictionary<string, string>
        {
            ["number"] = request.Number,
            ["received_on"] = Date(request.ReceivedAt, en),
            ["completed_at"] = DateTime(request.CompletedAt ?? request.ReceivedAt, en),
            ["details"] = text.ToString().TrimEnd('\n'),
        });
    }

    /// <summary>The notice of an extension, sent before the first month ends.</summary>
    public static RenderedMessage Extension(Request request, RenderedMessage template, string reason) =>
        Extension(request, template, reason, request.EffectiveDueOn);

    /// <summary>The notice of an extension to <paramref name="dueOn"/> (for a preview, before it is decided).</summary>
    public static RenderedMessage Extension(Request request, RenderedMessage template, string reason, DateOnly dueOn)
    {
        var en = IsEnglish(request);
        return ReplyTemplates.Fill(template, new Dictionary<string, string>
        {
            ["number"] = request.Number,
            ["received_on"] = Date(request.ReceivedAt, en),
            ["due_on"] = Date(dueOn, en),
            ["reason"] = reason,
        });
    }

    /// <summary>A refusal under Art. 12(5): the ground, the reasons, and the rights of Art. 12(4).</summary>
    public static RenderedMessage Refusal(Request request, RenderedMessage template, RefusalGround ground, string reason)
    {
        var en = IsEnglish(request);
        return ReplyTemplates.Fill(template, new Dictionary<string, string>
        {
            ["number"] = request.Number,
            ["received_on"] = Date(request.ReceivedAt, en),
            ["ground"] = (ground, en) switch
            {
                (RefusalGround.ManifestlyUnfounded, true) => "manifestly unfounded",
                (RefusalGround.ManifestlyUnfounded, false) => "ewidentnie nieuzasadnione",
                (_, true) => "excessive, in particular because of its repetitive character",
                (_, false) => "nadmierne, w szczególności ze względu na swój ustawiczny charakter",
            },
            ["reason"] = reason,
            ["rights"] = ReplyTemplates.Rights(en),
        });
    }

    /// <summary>Asking the person to confirm their identity while the clock is paused.</summary>
    public static RenderedMessage IdentityCheck(Request request, RenderedMessage template, string reason)
    {
        var en = IsEnglish(request);
        return ReplyTemplates.Fill(template, new Dictionary<string, string>
        {
            ["number"] = request.Number,
            ["received_on"] = Date(request.ReceivedAt, en),
            ["reason"] = reason,
        });
    }

    /// <summary>To someone who phoned: requests are not taken by phone; here is how to make one.</summary>
    public static RenderedMessage PhoneCall(RenderedMessage template, Uri portal, string postalAddress) =>
        ReplyTemplates.Fill(template, new Dictionary<string, string>
        {
            ["portal_url"] = portal.ToString(),
            ["postal_address"] = postalAddress,
        });

    /// <summary>Which template language a request's replies use.</summary>
    public static string LanguageOf(Request request) => Language(request);

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
            foreach (var (name, acquired) in r.OtherSources ?? [])
                text.Append(CultureInfo.InvariantCulture, $"   {(en ? "Also from" : "Również ze źródła")}: {name} ({Date(acquired, en)})\n");
            // Art. 15(1)(c) as the CJEU read it in C-154/21: the actual recipients, by name.
            if (r.Recipients is { Count: > 0 } recipients)
            {
                text.Append(en ? "   Disclosed to: " : "   Udostępniono: ");
                text.AppendJoin("; ", recipients.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Company} (NIP {x.Nip}), {(en ? "since" : "od")} {Date(x.Since, en)}")));
                text.Append('\n');
            }
            else
            {
                text.Append(en ? "   Disclosed to: no one.\n" : "   Udostępniono: nikomu.\n");
            }
        }
        if (report.FoundByPhoneAndName > 0)
        {
            text.Append(en
                ? $"We also found {report.FoundByPhoneAndName} record(s) with your phone number and name but a different e-mail address. To protect whoever uses that address, we do not describe them here.\n"
                : $"Znaleźliśmy też rekordy z Twoim numerem telefonu i imieniem i nazwiskiem, ale innym adresem e-mail (liczba: {report.FoundByPhoneAndName}). Aby chronić osobę używającą tamtego adresu, nie opisujemy ich tutaj.\n");
        }
        if (report.Processing is { } p)
        {
            // Art. 15(1)(a)-(e): taken from the record of processing, so that the reply says what the register says.
            text.Append(en ? "\nHOW WE PROCESS YOUR DATA (Art. 15(1) GDPR)\n" : "\nJAK PRZETWARZAMY TWOJE DANE (art. 15 ust. 1 RODO)\n");
            text.Append(CultureInfo.InvariantCulture, $"{(en ? "Purposes" : "Cele")}: {p.Purposes}\n");
            text.Append(CultureInfo.InvariantCulture, $"{(en ? "Legal basis" : "Podstawa prawna")}: {p.LegalBasis}\n");
            text.Append(CultureInfo.InvariantCulture, $"{(en ? "Categories of data" : "Kategorie danych")}: {p.DataCategories}\n");
            text.Append(CultureInfo.InvariantCulture, $"{(en ? "Recipients" : "Odbiorcy")}: {p.RecipientCategories}\n");
            text.Append(CultureInfo.InvariantCulture, $"{(en ? "How long we keep them" : "Okres przechowywania")}: {p.Retention}\n");
            text.Append(en
                ? "You have the right to have your data rectified or erased, to restrict their processing and to object to it.\n"
                : "Masz prawo żądać sprostowania i usunięcia danych, ograniczenia ich przetwarzania oraz wnieść sprzeciw.\n");
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
