using System.Globalization;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Contacts;

/// <summary>
/// A synthetic contact base for demos and tests: Polish names with diacritics, companies with valid
/// NIP numbers, and the platform's kinds of sources. Generated from a seed; no real people. E-mail
/// domains end in <c>.example</c> (RFC 2606), so no message can reach a real mailbox.
/// </summary>
public static class DemoContacts
{
    /// <summary>A person the README tells newcomers to try: in the base by e-mail and by phone.</summary>
    public const string DemoEmail = "zofia.wisniewska@budmax.example";
    public const string DemoName = "Zofia Wiśniewska";
    public const string DemoPhone = "+48 601 234 567";

    static readonly string[] FemaleFirst = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta", "Zofia", "Joanna", "Magdalena", "Monika", "Danuta", "Aleksandra", "Beata", "Dorota", "Jadwiga", "Grażyna", "Iwona", "Łucja", "Urszula", "Żaneta", "Małgosia", "Bożena", "Jolanta", "Halina", "Teresa", "Weronika", "Zuzanna"];
    static readonly string[] MaleFirst = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Stanisław", "Jakub", "Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech", "Mariusz", "Dariusz", "Zbigniew", "Jerzy", "Józef", "Maciej", "Rafał", "Kamil", "Ryszard", "Sławomir", "Przemysław", "Bartłomiej", "Zdzisław", "Mikołaj"];
    static readonly (string Male, string Female)[] Surnames = [
        ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"),
        ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"),
        ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"), ("Kwiatkowski", "Kwiatkowska"),
        ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"), ("Nowakowski", "Nowakowska"), ("Pawłowski", "Pawłowska"),
        ("Michalski", "Michalska"), ("Nowicki", "Nowicka"), ("Adamczyk", "Adamczyk"), ("Dudek", "Dudek"), ("Zając", "Zając"),
        ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"), ("Król", "Król"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"),
        ("Jaworski", "Jaworska"), ("Wróbel", "Wróbel"), ("Malinowski", "Malinowska"), ("Pawlak", "Pawlak"), ("Witkowski", "Witkowska"),
        ("Walczak", "Walczak"), ("Stępień", "Stępień"), ("Górski", "Górska"), ("Rutkowski", "Rutkowska"), ("Michalak", "Michalak"),
        ("Sikora", "Sikora"), ("Ostrowski", "Ostrowska"), ("Baran", "Baran"), ("Duda", "Duda"), ("Szewczyk", "Szewczyk"),
        ("Tomaszewski", "Tomaszewska"), ("Pietrzak", "Pietrzak"), ("Marciniak", "Marciniak"), ("Wróblewski", "Wróblewska"), ("Zalewski", "Zalewska"),
        ("Jakubowski", "Jakubowska"), ("Jasiński", "Jasińska"), ("Zawadzki", "Zawadzka"), ("Sadowski", "Sadowska"), ("Bąk", "Bąk"),
        ("Chmielewski", "Chmielewska"), ("Włodarczyk", "Włodarczyk"), ("Borkowski", "Borkowska"), ("Czarnecki", "Czarnecka"), ("Sawicki", "Sawicka"),
        ("Sokołowski", "Sokołowska"), ("Urbański", "Urbańska"), ("Kubiak", "Kubiak"), ("Maciejewski", "Maciejewska"), ("Szczepański", "Szczepańska"),
        ("Kucharski", "Kucharska"), ("Wilk", "Wilk"), ("Kalinowski", "Kalinowska"), ("Lis", "Lis"), ("Mazurek", "Mazurek"),
        ("Wysocki", "Wysocka"), ("Adamski", "Adamska"), ("Kaźmierczak", "Kaźmierczak"), ("Wasilewski", "Wasilewska"), ("Sobczak", "Sobczak"),
        ("Czerwiński", "Czerwińska"), ("Andrzejewski", "Andrzejewska"), ("Cieślak", "Cieślak"), ("Głowacki", "Głowacka"), ("Zakrzewski", "Zakrzewska"),
        ("Kołodziej", "Kołodziej"), ("Sikorski", "Sikorska"), ("Krajewski", "Krajewska"), ("Gajewski", "Gajewska"), ("Szymczak", "Szymczak"),
        ("Szulc", "Szulc"), ("Baranowski", "Baranowska"), ("Laskowski", "Laskowska"), ("Brzeziński", "Brzezińska"), ("Makowski", "Makowska"),
        ("Ziółkowski", "Ziółkowska"), ("Przybylski", "Przybylska"), ("Żak", "Żak"), ("Łuczak", "Łuczak"), ("Ślusarczyk", "Ślusarczyk")];
    static readonly string[] CompanyStems = ["Budmax", "Transpol", "Agrotech", "Mleczarnia Łąka", "Softwarex", "Drukpol", "Meblar", "Stalbud", "Elektro-Serwis", "Ogrody Żuławskie", "Piekarnia Złoty Kłos", "Autoczęści Śląsk", "Kancelaria Rachunkowa Bilans", "Hurtownia Gwiazda", "Zakład Kamieniarski Granit", "Biuro Podróży Słoneczko", "Polmed", "Termoizol", "Wodkan-Instal", "Przetwórnia Ryb Bałtyk", "Ekoenergia", "Logistyka Wisła", "Poligrafia Mazowsze", "Tartak Bieszczady", "Cukiernia Słodki Kącik", "Inżynieria Dróg", "Farmex", "Optyk Zorza", "Szkoła Językowa Lingwa", "Studio Reklamy Pixel", "Kwiaciarnia Różany Ogród", "Stolarnia Dąb", "Warsztat Samochodowy Tłok", "Apteka Pod Orłem", "Gabinet Stomatologiczny Uśmiech", "Pracownia Projektowa Linia", "Usługi Transportowe Szybki Kurier", "Sklep Żelazny", "Restauracja Pod Lipami", "Hotel Zamkowy"];
    static readonly string[] LegalForms = ["sp. z o.o.", "S.A.", "sp.j.", "sp.k.", "", "s.c."];
    static readonly string[] Positions = ["Prezes Zarządu", "Członek Zarządu", "Dyrektor Handlowy", "Kierownik Zakupów", "Specjalista ds. Marketingu", "Właściciel", "Główna Księgowa", "Kierownik Logistyki", "Dyrektor Finansowy", "Specjalista ds. Sprzedaży", "Kierownik Działu IT", "Asystentka Zarządu", "Prokurent", "Kierownik Produkcji", "Dyrektor Operacyjny"];

    static readonly (string Name, bool IsPublic, string LegalBasis)[] SourceKinds = [
        ("CEIDG — Centralna Ewidencja i Informacja o Działalności Gospodarczej", true, "art. 6 ust. 1 lit. f RODO — prawnie uzasadniony interes (dane z rejestru publicznego)"),
        ("KRS — Krajowy Rejestr Sądowy", true, "art. 6 ust. 1 lit. f RODO — prawnie uzasadniony interes (dane z rejestru publicznego)"),
        ("Strony internetowe firm", true, "art. 6 ust. 1 lit. f RODO — prawnie uzasadniony interes (dane opublikowane przez firmę)"),
        ("Lista partnera: Targi Budownictwa Poznań 2025", false, "art. 6 ust. 1 lit. a RODO — zgoda udzielona partnerowi na przekazanie danych"),
        ("Lista partnera: Kongres Logistyki Gdańsk 2026", false, "art. 6 ust. 1 lit. a RODO — zgoda udzielona partnerowi na przekazanie danych"),
        ("Formularz kontaktowy platformy", false, "art. 6 ust. 1 lit. a RODO — zgoda"),
    ];

    /// <summary>Seeds the base when it is empty; returns the number of records written.</summary>
    public static async Task<int> SeedIfEmptyAsync(DpoDeskDbContext db, int count, CancellationToken ct)
    {
        if (await db.Contacts.AnyAsync(ct).ConfigureAwait(false))
            return 0;
        var sourceIds = new List<int>();
        foreach (var (name, isPublic, basis) in SourceKinds)
            sourceIds.Add((await ContactWriter.EnsureSourceAsync(db, name, isPublic, basis, ct).ConfigureAwait(false)).Id);
        return await ContactWriter.InsertAsync(db, Generate(count, sourceIds, seed: 20261204), ct).ConfigureAwait(false);
    }

    /// <summary>Generates <paramref name="count"/> records deterministically; the first ones are the README's demo person.</summary>
    public static IEnumerable<Contact> Generate(int count, IReadOnlyList<int> sourceIds, int seed)
    {
        var random = new Random(seed);
        var budmaxNip = Nip(random);
        // The demo person: two records by e-mail (two sources), one more by phone and name from a list without
        // e-mails. (With another e-mail on it, that record would go to an operator's review instead.)
        yield return Create(DemoName, DemoEmail, DemoPhone, "Budmax sp. z o.o.", budmaxNip, "Dyrektor Handlowy", sourceIds[0], new DateOnly(2024, 3, 12));
        yield return Create(DemoName, DemoEmail, null, "Budmax sp. z o.o.", budmaxNip, "Dyrektor Handlowy", sourceIds[3], new DateOnly(2025, 10, 8));
        yield return Create("Wiśniewska Zofia", null, DemoPhone, "Transpol S.A.", Nip(random), "Kierownik Zakupów", sourceIds[2], new DateOnly(2023, 6, 1));

        var epoch = new DateOnly(2019, 1, 1);
        for (var i = 3; i < count; i++)
        {
            var female = random.Next(2) == 0;
            var first = female ? FemaleFirst[random.Next(FemaleFirst.Length)] : MaleFirst[random.Next(MaleFirst.Length)];
            var surnamePair = Surnames[random.Next(Surnames.Length)];
            var surname = female ? surnamePair.Female : surnamePair.Male;
            var stem = CompanyStems[random.Next(CompanyStems.Length)];
            var form = LegalForms[random.Next(LegalForms.Length)];
            var company = form.Length == 0 ? $"{stem} {surname}" : $"{stem} {form}";
            var domain = $"{Ascii(stem)}{random.Next(1, 400)}.example";
            var email = random.Next(10) == 0 ? null : $"{Ascii(first)}.{Ascii(surname)}{(random.Next(4) == 0 ? random.Next(2, 99).ToString(CultureInfo.InvariantCulture) : "")}@{domain}";
            var phone = email is null || random.Next(3) > 0 ? MobileNumber(random) : null;
            yield return Create(
                $"{first} {surname}", email, phone, company, Nip(random), Positions[random.Next(Positions.Length)],
                sourceIds[random.Next(sourceIds.Count)], epoch.AddDays(random.Next(2500)));
        }
    }

    static Contact Create(string name, string? email, string? phone, string company, string nip, string position, int sourceId, DateOnly acquiredOn) => new()
    {
        FullName = name,
        Email = email,
        EmailNormalized = email is null ? null : Identifiers.NormalizeEmail(email),
        Phone = phone,
        PhoneNormalized = phone is null ? null : Identifiers.NormalizePhone(phone),
        CompanyName = company,
        CompanyNip = nip,
        Position = position,
        SourceId = sourceId,
        AcquiredOn = acquiredOn,
    };

    static readonly string[] MobilePrefixes = ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"];

    static string MobileNumber(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"+48 {MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(0, 10)} {random.Next(0, 1000):D3} {random.Next(0, 1000):D3}");

    /// <summary>A NIP with a valid check digit (weights 6, 5, 7, 2, 3, 4, 5, 6, 7).</summary>
    public static string Nip(Random random)
    {
        ReadOnlySpan<int> weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
        while (true)
        {
            Span<char> digits = stackalloc char[10];
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                var d = i == 0 ? random.Next(1, 10) : random.Next(10);
                digits[i] = (char)('0' + d);
                sum += d * weights[i];
            }
            var check = sum % 11;
            if (check == 10)
                continue;
            digits[9] = (char)('0' + check);
            return new string(digits);
        }
    }

    /// <summary>Lower-case ASCII words joined by dashes, in the original order, for e-mail addresses and domains.</summary>
    static string Ascii(string text) =>
        string.Join('-', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Identifiers.NameKey(w).Replace(' ', '-')));
}
