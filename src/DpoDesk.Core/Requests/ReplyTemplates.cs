using System.Text.RegularExpressions;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Requests;

/// <summary>A reply template as edited in the office; when there is none, the built-in text is used.</summary>
public sealed class ReplyTemplate
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>What a template is for, what it may say with placeholders, and what it must say.</summary>
public sealed record TemplateDefinition(string Key, string NamePl, string NameEn, IReadOnlyList<string> Placeholders, IReadOnlyList<string> Required, RenderedMessage Polish, RenderedMessage English);

/// <summary>
/// The replies, in Polish and English, with <c>{{placeholders}}</c>. The automatic flow and the office use
/// the same templates; staff may edit them, and an edit is checked: no unknown placeholder, and every
/// placeholder the reply cannot do without (the link, the reasons, the rights) kept.
/// </summary>
public static partial class ReplyTemplates
{
    public const string Confirmation = "confirmation";
    public const string Result = "result";
    public const string Extension = "extension";
    public const string Refusal = "refusal";
    public const string IdentityCheck = "identity-check";
    public const string PhoneCall = "phone-call";
    public const string BreachPersons = "breach-persons";
    public const string RegulatorReply = "regulator-reply";


    /// <summary>The rights of Art. 12(4), filled into every refusal by the system itself.</summary>
    public static string Rights(bool en) => en
        ? "You have the right to lodge a complaint with the President of the Personal Data Protection Office (Prezes UODO, ul. Stawki 2, 00-193 Warszawa) and the right to an effective judicial remedy before a court (Art. 12(4), 77 and 79 GDPR)."
        : "Przysługuje Ci prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa) oraz prawo do skutecznego środka ochrony prawnej przed sądem (art. 12 ust. 4, art. 77 i 79 RODO).";

    public static readonly IReadOnlyList<TemplateDefinition> All =
    [
        new(Confirmation, "Potwierdzenie przyjęcia (formularz)", "Acknowledgement (web form)",
            ["number", "received_on", "actions", "data", "link", "valid_until"], ["number", "link"],
            new("Potwierdź zgłoszenie {{number}}", """
                Dzień dobry,

                otrzymaliśmy Twoje zgłoszenie nr {{number}} z dnia {{received_on}}.

                Prosisz nas o:
                {{actions}}

                Podane dane:
                {{data}}

                Aby potwierdzić, że ten adres należy do Ciebie, i rozpocząć realizację zgłoszenia, otwórz link:
                {{link}}

                Link jest ważny do {{valid_until}}. Jeśli zgłoszenie nie zostanie do tego czasu potwierdzone, wygaśnie, a podane wyżej dane usuniemy.
                Jeśli to nie Ty wysłałeś(-aś) to zgłoszenie, zignoruj tę wiadomość: nic nie zrobimy.

                Dział Inspektora Ochrony Danych
                """),
            new("Confirm your request {{number}}", """
                Hello,

                we have received your request no. {{number}} of {{received_on}}.

                You asked us to:
                {{actions}}

                The data you gave:
                {{data}}

                To confirm that this address is yours and let us act on your request, open this link:
                {{link}}

                The link is valid until {{valid_until}}. If the request is not confirmed by then, it expires and the data above are deleted.
                If you did not send this request, ignore this message: nothing will be done.

                Data Protection Officer's office
                """)),
        new(Result, "Wynik zgłoszenia", "Result of a request",
            ["number", "received_on", "completed_at", "details"], ["number", "details"],
            new("Zgłoszenie {{number}} zostało zrealizowane", """
                Dzień dobry,

                Twoje zgłoszenie nr {{number}} zostało zrealizowane {{completed_at}}.

                {{details}}

                Jeśli nie zgadzasz się ze sposobem załatwienia zgłoszenia, możesz wnieść skargę do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa) lub dochodzić swoich praw przed sądem.

                Dział Inspektora Ochrony Danych
                """),
            new("Your request {{number}} has been completed", """
                Hello,

                your request no. {{number}} has been completed on {{completed_at}}.

                {{details}}

                If you disagree with how we handled your request, you may lodge a complaint with the President of the Personal Data Protection Office (Prezes UODO, ul. Stawki 2, 00-193 Warszawa) or seek a remedy in court.

                Data Protection Officer's office
                """)),
        new(Extension, "Przedłużenie terminu (art. 12 ust. 3)", "Extension of the deadline (Art. 12(3))",
            ["number", "received_on", "due_on", "reason"], ["number", "due_on", "reason"],
            new("Zgłoszenie {{number}}: przedłużenie terminu odpowiedzi", """
                Dzień dobry,

                Twoje zgłoszenie nr {{number}} z dnia {{received_on}} wymaga więcej czasu. Na podstawie art. 12 ust. 3 RODO przedłużamy termin odpowiedzi do {{due_on}}.

                Powód: {{reason}}

                Odpowiemy, gdy tylko zakończymy sprawę, nie później niż w tym terminie.

                Dział Inspektora Ochrony Danych
                """),
            new("Your request {{number}}: the reply deadline is extended", """
                Hello,

                your request no. {{number}} of {{received_on}} needs more time. Under Art. 12(3) GDPR we extend the deadline for our reply to {{due_on}}.

                Reason: {{reason}}

                We will reply as soon as we have finished, and no later than that date.

                Data Protection Officer's office
                """)),
        new(Refusal, "Odmowa (art. 12 ust. 5)", "Refusal (Art. 12(5))",
            ["number", "received_on", "ground", "reason", "rights"], ["number", "ground", "reason", "rights"],
            new("Zgłoszenie {{number}}: odmowa podjęcia działań", """
                Dzień dobry,

                odmawiamy podjęcia działań w związku z Twoim zgłoszeniem nr {{number}} z dnia {{received_on}}, ponieważ jest ono {{ground}} (art. 12 ust. 5 RODO).

                Uzasadnienie: {{reason}}

                {{rights}}

                Dział Inspektora Ochrony Danych
                """),
            new("Your request {{number}}: we will not act on it", """
                Hello,

                we refuse to act on your request no. {{number}} of {{received_on}}, because it is {{ground}} (Art. 12(5) GDPR).

                Reasons: {{reason}}

                {{rights}}

                Data Protection Officer's office
                """)),
        new(IdentityCheck, "Prośba o potwierdzenie tożsamości", "Asking to confirm identity",
            ["number", "received_on", "reason"], ["number", "reason"],
            new("Zgłoszenie {{number}}: prosimy o potwierdzenie tożsamości", """
                Dzień dobry,

                aby zrealizować Twoje zgłoszenie nr {{number}} z dnia {{received_on}}, musimy upewnić się, że pochodzi ono od Ciebie.

                {{reason}}

                Do czasu Twojej odpowiedzi bieg terminu na realizację zgłoszenia jest wstrzymany. Nie prosimy o kopię dowodu osobistego.

                Dział Inspektora Ochrony Danych
                """),
            new("Your request {{number}}: please confirm your identity", """
                Hello,

                to carry out your request no. {{number}} of {{received_on}} we must be sure that it comes from you.

                {{reason}}

                Until you reply, the time for carrying out the request is paused. We do not ask for a copy of an identity document.

                Data Protection Officer's office
                """)),
        new(PhoneCall, "Odpowiedź na telefon (zgłoszeń nie przyjmujemy telefonicznie)", "Reply to a phone call (no requests by phone)",
            ["portal_url", "postal_address"], ["portal_url", "postal_address"],
            new("Jak złożyć zgłoszenie dotyczące Twoich danych", """
                Dzień dobry,

                dziękujemy za telefon. Zgłoszeń dotyczących danych osobowych nie przyjmujemy telefonicznie: przez telefon nie możemy sprawdzić, że rozmawiamy z osobą, której dane dotyczą.

                Zgłoszenie złożysz:
                 - przez formularz: {{portal_url}} (wynik zwykle w ciągu kilku minut),
                 - pocztą, na adres: {{postal_address}}.

                Dział Inspektora Ochrony Danych
                """),
            new("How to make a request about your data", """
                Hello,

                thank you for your call. We do not take requests about personal data by phone: on the phone we cannot check that we speak with the person the data are about.

                You can make a request:
                 - with the form: {{portal_url}} (the result usually comes within minutes),
                 - by post, to: {{postal_address}}.

                Data Protection Officer's office
                """)),
        new(BreachPersons, "Zawiadomienie osób o naruszeniu (art. 34)", "Telling persons of a breach (Art. 34)",
            ["reference", "nature", "consequences", "measures", "dpo_contact"], ["nature", "consequences", "measures", "dpo_contact"],
            new("Naruszenie ochrony Twoich danych osobowych", """
                Dzień dobry,

                z przykrością informujemy, że doszło do naruszenia ochrony danych osobowych, które może dotyczyć także Twoich danych (nasz numer sprawy: {{reference}}).

                Co się stało: {{nature}}

                Możliwe skutki: {{consequences}}

                Co zrobiliśmy i co robimy: {{measures}}

                Jeśli masz pytania, skontaktuj się z naszym Inspektorem Ochrony Danych: {{dpo_contact}}.

                Dział Inspektora Ochrony Danych
                """),
            new("A breach of your personal data", """
                Hello,

                we regret to tell you that a personal data breach has occurred which may concern your data too (our reference: {{reference}}).

                What happened: {{nature}}

                Likely consequences: {{consequences}}

                What we have done and are doing: {{measures}}

                If you have questions, contact our Data Protection Officer: {{dpo_contact}}.

                Data Protection Officer's office
                """)),
        new(RegulatorReply, "Odpowiedź do Prezesa UODO (szkic z dowodów)", "Reply to the President of UODO (draft from the evidence)",
            ["case_reference", "controller", "requests", "audit"], ["case_reference", "requests"],
            new("Odpowiedź na pismo w sprawie {{case_reference}}", """
                Prezes Urzędu Ochrony Danych Osobowych
                ul. Stawki 2, 00-193 Warszawa

                Dotyczy: sprawy {{case_reference}}

                W odpowiedzi na pismo w sprawie {{case_reference}} {{controller}} wyjaśnia, że żądania osoby, której sprawa dotyczy, zostały zrealizowane w terminie, zgodnie z art. 12 RODO:

                {{requests}}

                Przebieg realizacji, wysłane wiadomości wraz z potwierdzeniami doręczenia oraz zapisy dziennika zdarzeń zawiera załączony pakiet dowodowy. {{audit}}

                Wobec powyższego wnosimy o umorzenie postępowania na podstawie art. 105 § 1 KPA jako bezprzedmiotowego.
                """),
            new("Reply in case {{case_reference}}", """
                President of the Personal Data Protection Office
                ul. Stawki 2, 00-193 Warszawa

                Re: case {{case_reference}}

                In reply to the letter in case {{case_reference}}, {{controller}} explains that the requests of the person the case concerns were carried out in time, as Art. 12 GDPR requires:

                {{requests}}

                The enclosed evidence pack shows how they were carried out, the messages sent with their delivery records, and the audit trail. {{audit}}

                We therefore ask that the proceedings be discontinued under Art. 105 § 1 KPA as groundless.
                """)),
    ];

    public static TemplateDefinition Definition(string key) =>
        All.FirstOrDefault(d => d.Key == key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "No such template.");

    /// <summary>The template in force: the office's edit if there is one, the built-in text otherwise.</summary>
    public static async Task<RenderedMessage> GetAsync(DpoDeskDbContext db, string key, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lang = language == "en" ? "en" : "pl";
        var edited = await db.ReplyTemplates.AsNoTracking().Where(t => t.Key == key && t.Language == lang)
            .Select(t => new RenderedMessage(t.Subject, t.Body)).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (edited is not null)
            return edited;
        var definition = Definition(key);
        return lang == "en" ? definition.English : definition.Polish;
    }

    /// <summary>Fills the placeholders; values are plain text, used as they are.</summary>
    public static RenderedMessage Fill(RenderedMessage template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        string Replace(string text) => Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
        return new RenderedMessage(Replace(template.Subject).ReplaceLineEndings(" "), Replace(template.Body).ReplaceLineEndings("\n"));
    }

    /// <summary>What is wrong with an edit, in terms staff understand; empty when it can be saved.</summary>
    public static IReadOnlyList<TemplateProblem> Check(string key, string? subject, string? body)
    {
        var definition = Definition(key);
        var problems = new List<TemplateProblem>();
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200)
            problems.Add(new TemplateProblem(TemplateProblemKind.Subject, null));
        if (string.IsNullOrWhiteSpace(body) || body.Length > 20_000)
            problems.Add(new TemplateProblem(TemplateProblemKind.Body, null));
        var text = (subject ?? "") + "\n" + (body ?? "");
        var used = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(used.Where(p => !definition.Placeholders.Contains(p)).Order(StringComparer.Ordinal).Select(p => new TemplateProblem(TemplateProblemKind.UnknownPlaceholder, p)));
        problems.AddRange(definition.Required.Where(p => !used.Contains(p)).Select(p => new TemplateProblem(TemplateProblemKind.MissingPlaceholder, p)));
        return problems;
    }

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}

public enum TemplateProblemKind
{
    Subject = 1,
    Body,
    UnknownPlaceholder,
    MissingPlaceholder,
}

public sealed record TemplateProblem(TemplateProblemKind Kind, string? Placeholder);

sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> builder)
    {
        builder.ToTable("reply_templates");
        builder.Property(t => t.Key).HasMaxLength(40);
        builder.Property(t => t.Language).HasMaxLength(5);
        builder.Property(t => t.Subject).HasMaxLength(200);
        builder.Property(t => t.Body).HasMaxLength(20_000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(t => new { t.Key, t.Language }).IsUnique();
    }
}
