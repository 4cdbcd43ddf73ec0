using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Training;

/// <summary>The first course, made on the first run: the GDPR as this office applies it every day.</summary>
public static class TrainingSeed
{
    public const string FirstCourseTitle = "RODO w pracy biura IOD";

    /// <summary>The roles that answer requests or touch the contact base.</summary>
    public static readonly string[] FirstCourseRoles = ["operator", "dpo", "lawyer", "data"];

    public static async Task<bool> SeedIfEmptyAsync(DpoDeskDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Courses.AnyAsync(ct).ConfigureAwait(false))
            return false;
        db.Courses.Add(FirstCourse(now));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded it at the same moment.
            db.ChangeTracker.Clear();
            return false;
        }
        return true;
    }

    public static Course FirstCourse(DateTime now) => new()
    {
        Title = FirstCourseTitle,
        Description = "Podstawy RODO dla każdego, kto odpowiada na zgłoszenia osób albo pracuje z bazą kontaktów: tożsamość, terminy, naruszenia, poufność. Około 15 minut.",
        PassMark = 80,
        RefreshMonths = Course.DefaultRefreshMonths,
        Roles = string.Join(',', FirstCourseRoles),
        CreatedAt = now,
        UpdatedAt = now,
        UpdatedBy = "DpoDesk",
        LessonsMarkdown = """
            # Tożsamość: nigdy na samo imię i nazwisko

            Nasza baza to dane kontaktowe milionów osób. Największe ryzyko to **ujawnić albo usunąć dane nie tej osoby**.

            - Zgłoszenie z formularza zaczyna się dopiero, gdy osoba kliknie link w e-mailu: tak sprawdzamy, że adres jest jej.
            - O źródle danych mówimy tylko o wpisach związanych z **potwierdzonym adresem e-mail**.
            - Wpisy znalezione po telefonie i nazwisku możemy usunąć lub zablokować (to bezpieczny kierunek), ale ich nie opisujemy.
            - Imię i nazwisko nie są dowodem tożsamości: wiele osób nazywa się tak samo.
            - Nie prosimy o skan dowodu osobistego. Jeśli wyjątkowo trzeba sprawdzić tożsamość, robimy to proporcjonalnie (art. 12 ust. 6 RODO), a kopie usuwamy po sprawdzeniu.

            # Telefon: informujemy, nie przyjmujemy zgłoszeń

            **Przez telefon nie przyjmujemy zgłoszeń i nie podajemy żadnych danych z bazy.** Nie wiemy, kto dzwoni.

            Gdy ktoś dzwoni:

            1. grzecznie wyjaśnij, że zgłoszenie składa się przez formularz na stronie albo listem,
            2. podaj adres strony i adres pocztowy IOD,
            3. nie potwierdzaj ani nie zaprzeczaj, że ktoś jest w bazie.

            Listy zgłoszeń rejestrujemy w biurze; tożsamość nadawcy sprawdza pracownik.

            # Terminy

            - **Miesiąc** od otrzymania zgłoszenia to termin z art. 12 ust. 3 RODO. Dzień otrzymania się nie liczy.
            - Można go przedłużyć o **dwa kolejne miesiące** tylko przy złożonych sprawach lub wielu zgłoszeniach — i trzeba o tym napisać osobie **przed upływem pierwszego miesiąca**, z uzasadnieniem.
            - Nasza obietnica to **72 godziny**, a cel — sekundy. Kolejka „Do przeglądu” nie może czekać.
            - Pismo z UODO ma własny termin (zwykle 7 lub 14 dni od doręczenia) — od razu przekaż je IOD.

            # Naruszenia i poufność

            **Naruszenie ochrony danych** to np. plik z kontaktami wysłany do złego klienta, zgubiony laptop, włamanie, wgląd osoby nieuprawnionej.

            - Zgłoś je IOD **natychmiast**, także gdy nie masz pewności. Administrator ma **72 godziny** od stwierdzenia naruszenia na zgłoszenie do Prezesa UODO (art. 33 RODO).
            - Nie próbuj sam „zamieść sprawy”: zapisz, co się stało i kiedy.

            **Poufność**:

            - dane z bazy i ze zgłoszeń wykorzystujesz tylko do swojej pracy,
            - nie wysyłasz ich na prywatną pocztę ani do komunikatorów,
            - nie zostawiasz odblokowanego komputera; nie dzielisz się hasłem,
            - obowiązek zachowania tajemnicy trwa także po zakończeniu pracy.
            """,
        QuizText = """
            ? Ktoś pisze z nieznanego adresu: „Nazywam się Jan Kowalski, powiedzcie, skąd macie moje dane”. Co robisz?
            - Szukam Jana Kowalskiego w bazie i odpisuję, skąd go mamy
            * Kieruję go do formularza: odpowiedź o źródle dostanie po potwierdzeniu adresu e-mail
            - Odpisuję, że nie ma go w bazie

            ? Dzwoni osoba, która chce usunąć swoje dane. Co robisz?
            - Przyjmuję zgłoszenie przez telefon i usuwam dane
            - Sprawdzam w bazie, czy ta osoba tam jest, i mówię jej o tym
            * Wyjaśniam, że zgłoszenia przyjmujemy przez formularz lub listem, i podaję adresy

            ? Jaki jest prawny termin na odpowiedź na zgłoszenie osoby?
            - 72 godziny
            - 14 dni
            * Miesiąc od otrzymania, z możliwością przedłużenia o dwa miesiące
            - Trzy miesiące

            ? Wysłałeś plik z kontaktami do niewłaściwego klienta. Co robisz?
            - Proszę klienta o usunięcie pliku i nikomu nie mówię
            * Od razu zgłaszam to IOD: na zgłoszenie do UODO jest 72 godziny
            - Czekam, aż klient sam się odezwie

            ? Którą z tych rzeczy wolno zrobić z danymi z bazy?
            - Przesłać je na prywatną skrzynkę, żeby popracować w domu
            - Pokazać znajomemu, czy jest w bazie
            * Wykorzystać je tylko do wykonania swoich obowiązków
            """,
    };
}
