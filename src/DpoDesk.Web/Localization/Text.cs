using System.Globalization;
using DpoDesk.Notifications;
using DpoDesk.Requests;

namespace DpoDesk.Web.Localization;

/// <summary>
/// The UI's words. Views are written in Polish, the default language; <see cref="T"/> gives the English
/// text when the person switched to English. A test checks that every Polish text used in a view has
/// its English counterpart here.
/// </summary>
public static partial class Text
{
    static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Every area's Polish→English dictionary; each area keeps its own in its own file.</summary>
    static Dictionary<string, string>[] Dictionaries => field ??= [EnglishTexts, OfficeEnglishTexts, ChatEnglishTexts, LearningEnglishTexts, ReportEnglishTexts];

    public static string T(string polish)
    {
        if (!IsEnglish)
            return polish;
        foreach (var dictionary in Dictionaries)
        {
            if (dictionary.TryGetValue(polish, out var english))
                return english;
        }
        return polish;
    }

    public static bool HasEnglish(string polish) => Dictionaries.Any(d => d.ContainsKey(polish));

    /// <summary>A text with {0}-style placeholders, translated first, then filled in.</summary>
    public static string TF(string polish, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, T(polish), args);

    /// <summary>"7 dni" / "7 days", in the form that follows "w ciągu" / "within"; part of a day counts as a day.</summary>
    public static string Days(TimeSpan span)
    {
        var days = Math.Max(1, (int)Math.Ceiling(span.TotalDays));
        return IsEnglish
            ? (days == 1 ? "1 day" : $"{days} days")
            : (days == 1 ? "1 dnia" : $"{days} dni");
    }

    public static string FormErrorMessage(string field, FormError error) => (field, error) switch
    {
        (RequestForm.Fields.FullName, FormError.Required) => T("Podaj imię i nazwisko."),
        (RequestForm.Fields.FullName, FormError.TooLong) => T("Imię i nazwisko może mieć najwyżej 200 znaków."),
        (RequestForm.Fields.FullName, _) => T("Imię i nazwisko musi zawierać litery i nie może zawierać znaków sterujących."),
        (RequestForm.Fields.Email, FormError.Required) => T("Podaj adres e-mail — na niego wyślemy link potwierdzający."),
        (RequestForm.Fields.Email, FormError.TooManyRequests) => T("Z tego adresu e-mail lub numeru telefonu wysłano w ostatniej dobie kilka zgłoszeń. Realizujemy je; kolejne możesz wysłać jutro."),
        (RequestForm.Fields.Email, FormError.TooLong) => T("Adres e-mail może mieć najwyżej 254 znaki."),
        (RequestForm.Fields.Email, _) => T("To nie wygląda na adres e-mail. Podaj adres w postaci nazwa@domena.pl."),
        (RequestForm.Fields.Phone, FormError.TooLong) => T("Numer telefonu jest za długi."),
        (RequestForm.Fields.Phone, _) => T("To nie wygląda na numer telefonu. Podaj np. 601 234 567 albo +48 601 234 567, albo zostaw pole puste."),
        (RequestForm.Fields.Actions, _) => T("Zaznacz, o co prosisz: co najmniej jedną z trzech możliwości."),
        _ => T("Popraw to pole."),
    };

    public static string StateName(RequestState state) => state switch
    {
        RequestState.AwaitingConfirmation => T("Czeka na potwierdzenie"),
        RequestState.Confirmed => T("W realizacji"),
        RequestState.Completed => T("Zrealizowane"),
        RequestState.Expired => T("Wygasło (niepotwierdzone)"),
        RequestState.AwaitingVerification => T("Czeka na weryfikację"),
        RequestState.NeedsReview => T("Do przeglądu"),
        RequestState.Paused => T("Wstrzymane (tożsamość)"),
        RequestState.Refused => T("Odmowa"),
        _ => state.ToString(),
    };

    public static string OutcomeName(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.DataFound => T("Znaleźliśmy dane"),
        RequestOutcome.NoDataFound => T("Nie znaleźliśmy danych"),
        RequestOutcome.NotConfirmed => T("Niepotwierdzone"),
        _ => "—",
    };

    public static string ChannelName(RequestChannel channel) => channel switch
    {
        RequestChannel.Web => T("Formularz"),
        RequestChannel.Post => T("Poczta"),
        _ => channel.ToString(),
    };

    public static string OutboxStateName(OutboxState state) => state switch
    {
        OutboxState.Pending => T("Oczekuje"),
        OutboxState.Sent => T("Wysłana"),
        OutboxState.Failed => T("Nieudana"),
        _ => state.ToString(),
    };

    public static string ActionsShort(RequestActions actions)
    {
        var parts = new List<string>(3);
        if (actions.HasFlag(RequestActions.Erasure))
            parts.Add(T("usunięcie"));
        if (actions.HasFlag(RequestActions.SourceInquiry))
            parts.Add(T("źródło danych"));
        if (actions.HasFlag(RequestActions.SharingObjection))
            parts.Add(T("sprzeciw wobec udostępniania"));
        return string.Join(", ", parts);
    }

    public static string EventName(RequestEventKind kind) => kind switch
    {
        RequestEventKind.Received => T("Przyjęte"),
        RequestEventKind.Confirmed => T("Potwierdzone"),
        RequestEventKind.Matched => T("Wyszukano w bazie"),
        RequestEventKind.Erased => T("Usunięto dane"),
        RequestEventKind.SharingRestricted => T("Zablokowano udostępnianie"),
        RequestEventKind.SourcesReported => T("Wskazano źródła"),
        RequestEventKind.Completed => T("Zrealizowane"),
        RequestEventKind.Expired => T("Wygasło"),
        RequestEventKind.PersonalDataPurged => T("Usunięto dane osobowe zgłoszenia"),
        RequestEventKind.MessageQueued => T("Wiadomość w kolejce"),
        RequestEventKind.DeliveryAttemptFailed => T("Nieudana próba doręczenia"),
        RequestEventKind.MessageDelivered => T("Wiadomość doręczona"),
        RequestEventKind.MessageFailed => T("Wiadomość niedoręczona"),
        RequestEventKind.PostalRegistered => T("Zarejestrowane (poczta)"),
        RequestEventKind.Verified => T("Zweryfikowane"),
        RequestEventKind.ReviewRequired => T("Skierowane do przeglądu"),
        RequestEventKind.ReviewDecided => T("Przegląd rozstrzygnięty"),
        RequestEventKind.Paused => T("Wstrzymane: sprawdzenie tożsamości"),
        RequestEventKind.Resumed => T("Wznowione"),
        RequestEventKind.Extended => T("Termin przedłużony"),
        RequestEventKind.Refused => T("Odmowa"),
        RequestEventKind.DuplicateLinked => T("Powiązane z wcześniejszym zgłoszeniem"),
        RequestEventKind.ProcessingFailed => T("Błąd przetwarzania"),
        RequestEventKind.LetterPrinted => T("Wydrukowano list"),
        _ => kind.ToString(),
    };

    public static string DateText(DateOnly date) => date.ToString("d MMMM yyyy", IsEnglish ? English : Polish);

    public static string DateTimeText(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Warsaw).ToString("d MMMM yyyy, HH:mm", IsEnglish ? English : Polish);

    static readonly Dictionary<string, string> EnglishTexts = new(StringComparer.Ordinal)
    {
        ["(usunięte)"] = "(deleted)",
        ["(zaznacz co najmniej jedno)"] = "(choose at least one)",
        ["Adres e-mail"] = "E-mail address",
        ["Biuro IOD"] = "DPO office",
        ["Brak wiadomości."] = "No messages.",
        ["Cel 72 h"] = "72-hour target",
        ["Co stanie się dalej"] = "What happens next",
        ["Coś poszło nie tak"] = "Something went wrong",
        ["Do"] = "To",
        ["Dostaniesz e-mail z numerem zgłoszenia i linkiem. Kliknij go, aby potwierdzić, że adres należy do Ciebie — dopiero wtedy zaczniemy działać."] = "You will get an e-mail with your request number and a link. Open it to confirm that the address is yours — only then do we act.",
        ["Dział Inspektora Ochrony Danych"] = "Data Protection Officer's office",
        ["Dziękujemy. Zgłoszenie nr"] = "Thank you. Request no.",
        ["Filtr stanu"] = "Filter by state",
        ["Hasło"] = "Password",
        ["Imię i nazwisko"] = "Full name",
        ["Inspektor Ochrony Danych"] = "Data Protection Officer",
        ["Jeśli Twoje dane kontaktowe są w naszej bazie firm i osób, możesz poprosić o ich usunięcie, dowiedzieć się, skąd je mamy, albo nie zgodzić się na ich udostępnianie innym firmom."] = "If your contact details are in our database of companies and people, you can ask us to erase them, find out where we got them, or refuse to let us share them with other companies.",
        ["Jeśli wiadomość nie dotrze w ciągu kilku minut, zajrzyj do folderu spam, „oferty” lub „powiadomienia”. Nadawca to Dział Inspektora Ochrony Danych."] = "If the message does not arrive within a few minutes, look in your spam, \"offers\" or \"updates\" folder. It comes from the Data Protection Officer's office (Dział Inspektora Ochrony Danych).",
        ["Kanał"] = "Channel",
        ["Kim jesteś?"] = "Who are you?",
        ["Konto jest czasowo zablokowane po kilku nieudanych próbach. Spróbuj ponownie za 15 minut."] = "The account is locked for a while after several failed attempts. Try again in 15 minutes.",
        ["Liczba zgłoszeń:"] = "Requests:",
        ["Ten link wygasł. Zgłoszenie nie zostało zrealizowane, a podane w nim dane usunęliśmy."] = "This link has expired. The request was not carried out, and the data given in it have been deleted.",
        ["Link wygasł"] = "The link has expired",
        ["Logowanie do biura IOD"] = "Sign in to the DPO office",
        ["Na ten adres wyślemy link potwierdzający i odpowiedź."] = "We will send the confirmation link and our answer to this address.",
        ["Następna"] = "Next",
        ["Nawigacja"] = "Navigation",
        ["Nie ma takiej strony"] = "Page not found",
        ["Nie udało się przyjąć formularza. Odśwież stronę i spróbuj jeszcze raz."] = "We could not accept the form. Reload the page and try again.",
        ["Nie udostępniajcie moich danych innym firmom"] = "Do not share my data with other companies",
        ["Nie znaleźliśmy takiego zgłoszenia"] = "We found no such request",
        ["Nieprawidłowy adres e-mail lub hasło."] = "Wrong e-mail address or password.",
        ["Nieprawidłowy link"] = "Invalid link",
        ["Nieudane:"] = "Failed:",
        ["Np. 601 234 567 albo +48 601 234 567. Szukamy też po numerze telefonu; na numer komórkowy wyślemy SMS, gdy zgłoszenie będzie zrealizowane."] = "E.g. 601 234 567 or +48 601 234 567. We also search by phone number; to a mobile number we send a text message when the request is done.",
        ["Np. IOD/2026/000123"] = "E.g. IOD/2026/000123",
        ["Numer Twojego zgłoszenia:"] = "Your request number:",
        ["Numer telefonu (nieobowiązkowo)"] = "Phone number (optional)",
        ["Numer telefonu"] = "Phone number",
        ["Numer zgłoszenia"] = "Request number",
        ["Numer"] = "Number",
        ["O co prosisz?"] = "What do you ask for?",
        ["Oba pola są potrzebne, aby odnaleźć zgłoszenie."] = "Both fields are needed to find a request.",
        ["Oczekujące:"] = "Pending:",
        ["Ostatni błąd"] = "Last error",
        ["Podaj adres e-mail i hasło."] = "Enter your e-mail address and password.",
        ["Podaj numer i adres e-mail"] = "Enter the number and the e-mail address",
        ["Podaj numer zgłoszenia i adres e-mail, z którego je wysłano."] = "Enter the request number and the e-mail address it was sent with.",
        ["Podane tu dane wykorzystamy tylko do realizacji zgłoszenia i odpowiedzi na nie. Jeśli nie potwierdzisz zgłoszenia w ciągu {0}, usuniemy je."] = "We use the data given here only to carry out your request and answer it. If you do not confirm the request within {0}, we delete it.",
        ["Popraw zaznaczone pola"] = "Please correct the marked fields",
        ["Poprzednia"] = "Previous",
        ["Potwierdzam zgłoszenie"] = "I confirm my request",
        ["Potwierdzone"] = "Confirmed",
        ["Potwierdź zgłoszenie"] = "Confirm your request",
        ["Powiedzcie mi, skąd macie moje dane"] = "Tell me where you got my data",
        ["Prosisz nas o:"] = "You ask us to:",
        ["Przebieg"] = "Timeline",
        ["Przejdź do treści"] = "Skip to content",
        ["Przepraszamy, wystąpił błąd po naszej stronie. Nic z tego, co już przyjęliśmy, nie zginęło. Spróbuj ponownie za chwilę."] = "Sorry, something went wrong on our side. Nothing we had already accepted is lost. Please try again in a moment.",
        ["Przyjęte"] = "Received",
        ["Rekordy: znalezione / usunięte / zablokowane"] = "Records: found / erased / barred",
        ["Rodzaj"] = "Type",
        ["Sprawdź numer i adres e-mail. Podaj adres dokładnie taki, jak w zgłoszeniu."] = "Check the number and the e-mail address. Give the address exactly as in the request.",
        ["Sprawdź status zgłoszenia"] = "Check the status of your request",
        ["Sprawdź status"] = "Check status",
        ["Sprawdź"] = "Check",
        ["Stan"] = "State",
        ["Status zgłoszenia"] = "Request status",
        ["Strona główna"] = "Home page",
        ["Strony"] = "Pages",
        ["Tej strony nie ma. Sprawdź adres albo wróć na stronę główną."] = "This page does not exist. Check the address or go back to the home page.",
        ["Ten link jest nieprawidłowy. Sprawdź, czy skopiowałeś(-aś) go w całości z wiadomości e-mail."] = "This link is not valid. Check that you copied all of it from the e-mail.",
        ["Termin ustawowy"] = "Legal deadline",
        ["To zgłoszenie zostało już potwierdzone; link działa tylko raz. Wynik wysyłamy e-mailem."] = "This request has already been confirmed; the link works only once. We send the result by e-mail.",
        ["Treść"] = "Content",
        ["Twoje dane u nas"] = "Your data with us",
        ["Usuńcie moje dane"] = "Erase my data",
        ["Utworzona"] = "Created",
        ["Wiadomości wychodzące"] = "Outgoing messages",
        ["Wiadomości"] = "Messages",
        ["Wróć do listy"] = "Back to the list",
        ["Wszystkie"] = "All",
        ["Wygasło"] = "Expired",
        ["Wyloguj"] = "Sign out",
        ["Wynik"] = "Result",
        ["Wypisz mnie"] = "Unsubscribe me",
        ["Wysłaliśmy Ci e-mail z linkiem potwierdzającym. Otwórz go, aby rozpocząć realizację zgłoszenia."] = "We have sent you an e-mail with a confirmation link. Open it to start processing your request.",
        ["Wysłana"] = "Sent",
        ["Zaloguj"] = "Sign in",
        ["Zgłoszenia"] = "Requests",
        ["Zgłoszenia, najnowsze najpierw"] = "Requests, newest first",
        ["Zgłoszenie było już potwierdzone"] = "The request was already confirmed",
        ["Zgłoszenie nr"] = "Request no.",
        ["Zgłoszenie potwierdzone"] = "Request confirmed",
        ["Zgłoszenie przyjęte"] = "Request received",
        ["Zgłoszenie"] = "Request",
        ["Zgłoszeń nie przyjmujemy telefonicznie. Możesz też wysłać je pocztą na adres:"] = "We do not take requests by phone. You can also send one by post to:",
        ["Zrealizowane"] = "Completed",
        ["Zwykle odpowiadamy w ciągu kilku minut od potwierdzenia, najpóźniej w 72 godziny. Wynik przyjdzie e-mailem, a jeśli podasz numer komórkowy — także SMS-em."] = "We usually answer within minutes of your confirmation, and at the latest within 72 hours. The result comes by e-mail and, if you give a mobile number, by text message too.",
        ["Złóż zgłoszenie ponownie"] = "Submit a new request",
        ["Złóż zgłoszenie"] = "Submit a request",
        ["jest realizowane. Wynik wyślemy e-mailem w ciągu kilku minut."] = "is being carried out. We will e-mail you the result within minutes.",
        ["po celu"] = "past target",
        ["po terminie"] = "overdue",
        ["próby:"] = "attempts:",
        // Messages and names used from code.
        ["Podaj imię i nazwisko."] = "Enter your full name.",
        ["Imię i nazwisko może mieć najwyżej 200 znaków."] = "The full name can have at most 200 characters.",
        ["Imię i nazwisko musi zawierać litery i nie może zawierać znaków sterujących."] = "The full name must contain letters and no control characters.",
        ["Podaj adres e-mail — na niego wyślemy link potwierdzający."] = "Enter your e-mail address — we send the confirmation link to it.",
        ["Adres e-mail może mieć najwyżej 254 znaki."] = "The e-mail address can have at most 254 characters.",
        ["To nie wygląda na adres e-mail. Podaj adres w postaci nazwa@domena.pl."] = "This does not look like an e-mail address. Enter it as name@domain.com.",
        ["Numer telefonu jest za długi."] = "The phone number is too long.",
        ["To nie wygląda na numer telefonu. Podaj np. 601 234 567 albo +48 601 234 567, albo zostaw pole puste."] = "This does not look like a phone number. Enter e.g. 601 234 567 or +48 601 234 567, or leave the field empty.",
        ["Zaznacz, o co prosisz: co najmniej jedną z trzech możliwości."] = "Choose what you ask for: at least one of the three options.",
        ["Popraw to pole."] = "Please correct this field.",
        ["Z tego adresu e-mail lub numeru telefonu wysłano w ostatniej dobie kilka zgłoszeń. Realizujemy je; kolejne możesz wysłać jutro."] = "Several requests were sent from this e-mail address or phone number in the last 24 hours. We are handling them; you can send another tomorrow.",
        ["Formularz został wysłany szybciej, niż da się go wypełnić. Sprawdź dane i wyślij go ponownie."] = "The form was sent faster than it can be filled in. Check the data and send it again.",
        ["Zbyt wiele prób"] = "Too many attempts",
        ["Chwilowa przerwa"] = "A short break",
        ["Nie możemy teraz przyjąć formularza: nasz system jest chwilowo niedostępny. Nic nie zapisaliśmy — wyślij formularz ponownie za chwilę."] = "We cannot take the form right now: our system is briefly unavailable. Nothing was saved — please send the form again in a moment.",
        ["Z tego miejsca wysłano w ostatnim czasie zbyt wiele formularzy. Spróbuj ponownie za jakiś czas."] = "Too many forms were sent from here recently. Please try again later.",
        ["Czeka na potwierdzenie"] = "Awaiting confirmation",
        ["W realizacji"] = "In progress",
        ["Wygasło (niepotwierdzone)"] = "Expired (not confirmed)",
        ["Znaleźliśmy dane"] = "Data found",
        ["Nie znaleźliśmy danych"] = "No data found",
        ["Niepotwierdzone"] = "Not confirmed",
        ["Formularz"] = "Web form",
        ["Poczta"] = "Post",
        ["Oczekuje"] = "Pending",
        ["Nieudana"] = "Failed",
        ["usunięcie"] = "erasure",
        ["źródło danych"] = "source of data",
        ["sprzeciw wobec udostępniania"] = "objection to sharing",
        ["Wyszukano w bazie"] = "Searched the contact base",
        ["Usunięto dane"] = "Data erased",
        ["Zablokowano udostępnianie"] = "Sharing barred",
        ["Wskazano źródła"] = "Sources reported",
        ["Usunięto dane osobowe zgłoszenia"] = "The request's personal data deleted",
        ["Wiadomość w kolejce"] = "Message queued",
        ["Nieudana próba doręczenia"] = "Delivery attempt failed",
        ["Wiadomość doręczona"] = "Message delivered",
        ["Wiadomość niedoręczona"] = "Message not delivered",
    };
}
