using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Records;

/// <summary>One activity of the record of processing activities, with every column of Art. 30(1).</summary>
public sealed class ProcessingActivity
{
    public long Id { get; set; }

    /// <summary>A stable name for activities the system itself refers to (the contact base's is used in access replies).</summary>
    public string? Key { get; set; }

    public required string Name { get; set; }
    public required string Purposes { get; set; }
    public required string LegalBasis { get; set; }
    public required string SubjectCategories { get; set; }
    public required string DataCategories { get; set; }
    public required string RecipientCategories { get; set; }
    public required string Transfers { get; set; }
    public required string Retention { get; set; }
    public required string SecurityMeasures { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>The record of processing: the platform's own activities as a starting point.</summary>
public static class RecordOfProcessing
{
    public const string ContactBase = "contact-base";
    public const string Licensing = "licensing";
    public const string Requests = "requests";
    public const string Office = "office";

    /// <summary>Columns of Art. 30(1), in the order of the article, as the CSV and PDF give them.</summary>
    public static readonly string[] Columns =
    [
        "Nazwa czynności", "Cele przetwarzania", "Podstawa prawna", "Kategorie osób", "Kategorie danych",
        "Kategorie odbiorców", "Przekazania do państw trzecich", "Terminy usunięcia", "Środki bezpieczeństwa",
    ];

    public static IReadOnlyList<string> Values(ProcessingActivity a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return [a.Name, a.Purposes, a.LegalBasis, a.SubjectCategories, a.DataCategories, a.RecipientCategories, a.Transfers, a.Retention, a.SecurityMeasures];
    }

    public static async Task SeedIfEmptyAsync(DpoDeskDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.ProcessingActivities.AnyAsync(ct).ConfigureAwait(false))
            return;
        const string measures = "Szyfrowanie transmisji (TLS), kontrola dostępu oparta na rolach, logowanie dwuskładnikowe, dziennik zdarzeń z łańcuchem skrótów, kopie zapasowe, lista zastrzeżeń w postaci skrótów z kluczem.";
        db.ProcessingActivities.AddRange(
            new ProcessingActivity
            {
                Key = ContactBase,
                Name = "Baza kontaktów biznesowych",
                Purposes = "Prowadzenie bazy danych kontaktowych osób reprezentujących przedsiębiorstwa i udostępnianie jej licencjobiorcom do kontaktów biznesowych.",
                LegalBasis = "art. 6 ust. 1 lit. f RODO (prawnie uzasadniony interes); dla źródeł niepublicznych — zgoda (art. 6 ust. 1 lit. a)",
                SubjectCategories = "osoby kontaktowe i reprezentanci przedsiębiorców, przedsiębiorcy jednoosobowi",
                DataCategories = "imię i nazwisko, służbowy adres e-mail, służbowy numer telefonu, stanowisko, firma i NIP pracodawcy, źródło i data pozyskania",
                RecipientCategories = "licencjobiorcy (klienci korzystający z bazy w celach marketingu B2B), dostawcy usług IT",
                Transfers = "brak",
                Retention = "do czasu sprzeciwu lub żądania usunięcia, nie dłużej niż 5 lat od ostatniej aktualizacji rekordu; po usunięciu — tylko skróty z kluczem na liście zastrzeżeń",
                SecurityMeasures = measures,
                UpdatedBy = "system",
                UpdatedAt = now,
            },
            new ProcessingActivity
            {
                Key = Licensing,
                Name = "Licencjonowanie i udostępnianie danych",
                Purposes = "Zawieranie i wykonywanie umów licencyjnych, ewidencja udostępnień, zawiadamianie odbiorców o usunięciu lub ograniczeniu (art. 19 RODO).",
                LegalBasis = "art. 6 ust. 1 lit. b i f RODO",
                SubjectCategories = "osoby z bazy kontaktów; osoby kontaktowe licencjobiorców",
                DataCategories = "jak w bazie kontaktów; dane kontaktowe licencjobiorców",
                RecipientCategories = "licencjobiorcy",
                Transfers = "brak",
                Retention = "przez czas licencji i 6 lat po jej zakończeniu (roszczenia)",
                SecurityMeasures = measures,
                UpdatedBy = "system",
                UpdatedAt = now,
            },
            new ProcessingActivity
            {
                Key = Requests,
                Name = "Obsługa żądań osób, których dane dotyczą",
                Purposes = "Realizacja praw z art. 15–22 RODO, rozliczalność (art. 5 ust. 2).",
                LegalBasis = "art. 6 ust. 1 lit. c RODO w zw. z art. 12–22 RODO",
                SubjectCategories = "osoby składające żądania",
                DataCategories = "imię i nazwisko, adres e-mail, numer telefonu, adres pocztowy, treść żądania",
                RecipientCategories = "dostawcy poczty elektronicznej i SMS; Prezes UODO w toku postępowania",
                Transfers = "brak",
                Retention = "3 lata od końca roku zamknięcia sprawy; niepotwierdzone zgłoszenia — 7 dni",
                SecurityMeasures = measures,
                UpdatedBy = "system",
                UpdatedAt = now,
            },
            new ProcessingActivity
            {
                Key = Office,
                Name = "Biuro IOD: zapytania, naruszenia, sprawy UODO",
                Purposes = "Odpowiadanie na zapytania, prowadzenie rejestru naruszeń, współpraca z organem nadzorczym.",
                LegalBasis = "art. 6 ust. 1 lit. c RODO w zw. z art. 33, 38, 39 RODO",
                SubjectCategories = "osoby piszące do IOD, osoby objęte naruszeniami, pracownicy biura",
                DataCategories = "dane kontaktowe, treść korespondencji, dane z incydentów",
                RecipientCategories = "Prezes UODO, kancelaria prawna",
                Transfers = "brak",
                Retention = "6 lat od zamknięcia sprawy",
                SecurityMeasures = measures,
                UpdatedBy = "system",
                UpdatedAt = now,
            });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}

sealed class ProcessingActivityConfiguration : IEntityTypeConfiguration<ProcessingActivity>
{
    public void Configure(EntityTypeBuilder<ProcessingActivity> builder)
    {
        builder.ToTable("processing_activities");
        builder.Property(a => a.Key).HasMaxLength(40);
        builder.HasIndex(a => a.Key).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(200);
        foreach (var column in new[] { nameof(ProcessingActivity.Purposes), nameof(ProcessingActivity.LegalBasis), nameof(ProcessingActivity.SubjectCategories), nameof(ProcessingActivity.DataCategories), nameof(ProcessingActivity.RecipientCategories), nameof(ProcessingActivity.Transfers), nameof(ProcessingActivity.Retention), nameof(ProcessingActivity.SecurityMeasures) })
            builder.Property(column).HasMaxLength(4000);
        builder.Property(a => a.UpdatedBy).HasMaxLength(256);
    }
}
