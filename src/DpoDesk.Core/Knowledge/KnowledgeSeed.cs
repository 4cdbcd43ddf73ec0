using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Knowledge;

/// <summary>Who the company and its DPO are, as configured, for the first articles' texts.</summary>
public sealed record KnowledgeFacts(string Company, string CompanyAddress, string DpoName, string DpoEmail, string PostalAddress);

/// <summary>
/// The knowledge base's first articles, published on the first run in Polish and English: what we hold
/// and why, where it comes from, the rights and how to use them, how long it takes, how to reach the
/// DPO; and the licensees' guide. The DPO edits them in the office like any other.
/// </summary>
public static class KnowledgeSeed
{
    public const string LicenseeGuideSlug = "przewodnik-dla-licencjobiorcow";

    public static async Task<int> SeedIfEmptyAsync(DpoDeskDbContext db, KnowledgeFacts facts, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(facts);
        if (await db.Articles.AnyAsync(ct).ConfigureAwait(false))
            return 0;
        var articles = Articles(facts);
        var position = 0;
        foreach (var (slug, audience, pl, en) in articles)
        {
            var article = new Article { Slug = slug, Audience = audience, Position = position += 10, CreatedAt = now };
            db.Articles.Add(article);
            foreach (var (language, (title, markdown)) in new[] { ("pl", pl), ("en", en) })
            {
                db.ArticleVersions.Add(new ArticleVersion
                {
                    Article = article,
                    Language = language,
                    Number = 1,
                    Title = title,
                    Markdown = markdown.ReplaceLineEndings("\n").Trim() + "\n",
                    Author = "DpoDesk",
                    CreatedAt = now,
                    PublishedAt = now,
                    PublishedBy = "DpoDesk",
                });
            }
        }
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded at the same moment: its articles stand.
            db.ChangeTracker.Clear();
            return 0;
        }
        return articles.Count;
    }

    static List<(string Slug, Audience Audience, (string Title, string Markdown) Pl, (string Title, string Markdown) En)> Articles(KnowledgeFacts f) =>
    [
        ("jakie-dane-i-dlaczego", Audience.Public,
            ("Jakie dane mamy i dlaczego", $"""
                {f.Company} prowadzi bazę kontaktów biznesowych. Udostępniamy ją na licencji firmom, które szukają klientów wśród innych firm (marketing B2B).

                ## Jakie dane mamy

                Tylko dane związane z pracą zawodową:

                - imię i nazwisko,
                - służbowy adres e-mail i służbowy numer telefonu,
                - stanowisko oraz nazwę, adres, NIP i REGON firmy,
                - przy każdym wpisie: **skąd go mamy** i **kiedy** go pozyskaliśmy.

                Nie zbieramy danych szczególnych kategorii (np. o zdrowiu), numerów PESEL ani danych o życiu prywatnym.

                ## Dlaczego

                Podstawą jest nasz **prawnie uzasadniony interes** i interes naszych klientów: nawiązywanie kontaktów handlowych między firmami (art. 6 ust. 1 lit. f RODO). Możesz się temu w każdej chwili sprzeciwić — wtedy Twoje dane nie trafią do nikogo.

                ## Komu je przekazujemy

                Firmom, które kupiły licencję na część bazy (licencjobiorcom). Zapisujemy, kto dostał który wpis. Gdy usuniesz swoje dane albo sprzeciwisz się ich udostępnianiu, zawiadamiamy każdą z tych firm (art. 19 RODO), a na Twoją prośbę powiemy Ci, które to firmy.

                ## Po usunięciu

                Żeby Twoje dane nie wróciły do bazy z kolejnego źródła, zachowujemy tylko ich **skrót kryptograficzny** (bez imienia, nazwiska ani adresu w czytelnej postaci). Służy wyłącznie do tego, by Cię nie dodać ponownie.
                """),
            ("What data we hold and why", $"""
                {f.Company} runs a database of business contacts. We license it to companies that look for clients among other companies (B2B marketing).

                ## What we hold

                Only data about your work:

                - first name and surname,
                - business e-mail address and business phone number,
                - job title, and the company's name, address, tax number (NIP) and REGON,
                - with every record: **where we got it** and **when**.

                We do not collect special categories of data (such as health), PESEL numbers or anything about your private life.

                ## Why

                Our **legitimate interest** and that of our clients: business contacts between companies (Art. 6(1)(f) GDPR). You may object to it at any time — your data then go to no one.

                ## Who receives them

                Companies that licensed part of the database (licensees). We record who received which record. When you have your data erased or object to their sharing, we tell each of those companies (Art. 19 GDPR) and, if you ask, we tell you who they are.

                ## After erasure

                So that your data do not come back from another source, we keep only a **cryptographic digest** of them (no name or address in readable form). It is used for nothing but not adding you again.
                """)),
        ("skad-mamy-dane", Audience.Public,
            ("Skąd mamy dane", """
                Każdy wpis w bazie ma zapisane źródło i datę pozyskania. Nasze źródła to:

                - **rejestry publiczne**: CEIDG (działalność gospodarcza) i KRS (spółki),
                - **strony internetowe firm**, na których firmy same podają dane kontaktowe swoich pracowników,
                - **partnerzy**, od których dane kupujemy na podstawie umów (np. organizatorzy targów), zawsze z informacją, skąd je mają.

                ## Jak sprawdzić, skąd mamy Twoje dane

                Wypełnij [formularz](/) i zaznacz „Skąd macie moje dane”. Po potwierdzeniu adresu e-mail dostaniesz odpowiedź z nazwą źródła, datą i informacją, czy źródło jest publicznie dostępne (art. 14 ust. 2 lit. f i art. 15 ust. 1 lit. g RODO).

                Odpowiedź o źródle dajemy tylko o wpisach związanych z **potwierdzonym adresem e-mail**. Na samo imię i nazwisko nikomu nie ujawniamy, co o kimś wiemy.
                """),
            ("Where the data come from", """
                Every record in the base carries its source and the date we acquired it. Our sources are:

                - **public registers**: CEIDG (sole traders) and KRS (companies),
                - **companies' websites**, where companies themselves publish their staff's contact details,
                - **partners** from whom we buy data under contract (trade fair organisers, for instance), always with where they got it.

                ## How to find out where we got your data

                Fill in the [form](/) and tick "Where did you get my data". Once you have confirmed your e-mail address, you get the source's name, the date and whether the source is publicly accessible (Art. 14(2)(f) and 15(1)(g) GDPR).

                We describe the source only of records tied to the **confirmed e-mail address**. We tell no one what we know about someone on their name alone.
                """)),
        ("twoje-prawa", Audience.Public,
            ("Twoje prawa i jak z nich skorzystać", $"""
                Masz prawo:

                - **usunąć swoje dane** (art. 17 RODO) — usuniemy je z bazy i nie dodamy ponownie,
                - **wiedzieć, jakie dane mamy i skąd** (art. 15 RODO),
                - **sprzeciwić się udostępnianiu** swoich danych innym firmom (art. 21 RODO) — wpis zostaje, ale nie trafi już do nikogo,
                - **ograniczyć przetwarzanie** (art. 18 RODO) — wtedy dane tylko przechowujemy,
                - **sprostować dane**, jeśli są nieprawdziwe (art. 16 RODO),
                - **złożyć skargę** do Prezesa Urzędu Ochrony Danych Osobowych (UODO), ul. Stawki 2, 00-193 Warszawa.

                ## Jak to zrobić

                1. Wypełnij [formularz na stronie głównej](/): podaj imię i nazwisko, adres e-mail (i numer telefonu, jeśli chcesz) i zaznacz, o co prosisz.
                2. Dostaniesz e-mail z numerem zgłoszenia i linkiem. Kliknij link — tak potwierdzasz, że adres jest Twój.
                3. Wynik dostaniesz e-mailem. Stan zgłoszenia sprawdzisz na stronie [Sprawdź status](/status).

                Możesz też napisać list na adres: {f.PostalAddress}. Odpowiemy listem.

                **Telefonicznie zgłoszeń nie przyjmujemy**: przez telefon nie da się sprawdzić, kto dzwoni, a nie chcemy ujawnić ani usunąć czyichś danych na prośbę kogoś innego.
                """),
            ("Your rights and how to use them", $"""
                You have the right to:

                - **have your data erased** (Art. 17 GDPR) — we delete them from the base and do not add them again,
                - **know what data we hold and where they come from** (Art. 15 GDPR),
                - **object to the sharing** of your data with other companies (Art. 21 GDPR) — the record stays but goes to no one,
                - **restrict processing** (Art. 18 GDPR) — we then only store the data,
                - **have wrong data corrected** (Art. 16 GDPR),
                - **complain** to the President of the Personal Data Protection Office (UODO), ul. Stawki 2, 00-193 Warszawa.

                ## How

                1. Fill in the [form on the front page](/): your name, e-mail address (and phone number if you like) and what you ask for.
                2. You get an e-mail with a request number and a link. Open the link — that confirms the address is yours.
                3. The result comes by e-mail. You can follow the request on [Check status](/status).

                You can also write to: {f.PostalAddress}. We answer by letter.

                **We take no requests by phone**: on the phone we cannot tell who is calling, and we will not disclose or erase someone's data at someone else's word.
                """)),
        ("ile-to-trwa", Audience.Public,
            ("Ile to trwa", """
                - **Zwykle kilka sekund** od kliknięcia linku w e-mailu potwierdzającym: większość zgłoszeń załatwiamy automatycznie.
                - **Najpóźniej w 72 godziny** — to nasza obietnica, także gdy zgłoszenie musi przejrzeć pracownik.
                - **Granica prawna to miesiąc** od otrzymania zgłoszenia (art. 12 ust. 3 RODO). Dzień otrzymania się nie liczy.
                - **Przedłużenie**: w wyjątkowych sprawach (bardzo złożonych albo przy wielu zgłoszeniach) termin można przedłużyć o kolejne dwa miesiące. Wtedy w ciągu pierwszego miesiąca napiszemy, że termin jest przedłużony, i dlaczego.

                Jeśli nie klikniesz linku potwierdzającego w ciągu 7 dni, zgłoszenie wygasa, a podane w nim dane usuwamy. Możesz wtedy złożyć je ponownie.

                List wysłany pocztą liczymy od dnia, w którym do nas dotarł.
                """),
            ("How long it takes", """
                - **Usually a few seconds** after you open the link in the confirmation e-mail: most requests are handled automatically.
                - **At most 72 hours** — that is our promise, also when a member of staff has to look at the request.
                - **The legal limit is one month** from receipt (Art. 12(3) GDPR). The day of receipt does not count.
                - **Extension**: in exceptional cases (very complex, or many requests) the period may be extended by two further months. We then tell you within the first month, with the reasons.

                If you do not open the confirmation link within 7 days, the request expires and the data you gave in it are deleted. You can then file it again.

                A letter counts from the day it reached us.
                """)),
        ("kontakt-z-iod", Audience.Public,
            ("Jak skontaktować się z Inspektorem Ochrony Danych", $"""
                {f.Company} wyznaczyła Inspektora Ochrony Danych (IOD). Możesz się z nim kontaktować we wszystkich sprawach dotyczących Twoich danych.

                - **E-mail**: [{f.DpoEmail}](mailto:{f.DpoEmail})
                - **List**: {f.PostalAddress}
                - **Czat**: [rozmowa z biurem IOD](/czat) w godzinach pracy biura; poza nimi możesz zostawić wiadomość, odpowiemy e-mailem.

                Żeby usunąć dane albo dowiedzieć się, skąd je mamy, najszybciej skorzystać z [formularza](/). Na czacie nie podajemy danych z bazy — pomożemy, ale samo zgłoszenie złóż formularzem.

                Administrator danych: {f.Company}, {f.CompanyAddress}.
                """),
            ("How to reach the Data Protection Officer", $"""
                {f.Company} has appointed a Data Protection Officer (DPO). You can contact them about anything concerning your data.

                - **E-mail**: [{f.DpoEmail}](mailto:{f.DpoEmail})
                - **Post**: {f.PostalAddress}
                - **Chat**: [talk to the DPO's office](/czat) during office hours; outside them you can leave a message and we answer by e-mail.

                To have your data erased or learn where we got them, the [form](/) is quickest. The chat never gives out data from the base — we help, but file the request itself on the form.

                Controller: {f.Company}, {f.CompanyAddress}.
                """)),
        (LicenseeGuideSlug, Audience.Licensees,
            ("Przewodnik dla licencjobiorców: jak zgodnie z prawem korzystać z danych", $"""
                Ten przewodnik jest dla firm, którym {f.Company} udzieliła licencji na dane ze swojej bazy. Wyjaśnia cztery obowiązki, o których najczęściej się zapomina. Nie zastępuje porady prawnej; w razie wątpliwości napisz do naszego IOD: {f.DpoEmail}.

                ## 1. Zgoda na marketing e-mailowy i telefoniczny

                Od 10 listopada 2024 r. obowiązuje **Prawo komunikacji elektronicznej** (art. 398). Wymaga ono **uprzedniej zgody** adresata na:

                - wysyłanie niezamówionej informacji handlowej środkami komunikacji elektronicznej, w szczególności **e-mailem**,
                - **marketing bezpośredni telefonicznie**, w tym przez automatyczne systemy wywołujące.

                Dotyczy to także adresów i numerów **służbowych** (B2B). Wcześniej te same zasady wynikały z art. 10 ustawy o świadczeniu usług drogą elektroniczną i art. 172 Prawa telekomunikacyjnego.

                W praktyce: **pierwszy e-mail lub telefon nie może być ofertą**. Dane z licencji służą do znalezienia właściwej osoby; o zgodę trzeba zapytać w sposób, który sam nie jest informacją handlową (np. list tradycyjny), i zachować dowód zgody. Sprzeciw wobec marketingu (art. 21 RODO) jest bezwzględny: po sprzeciwie nie kontaktuj się już z tą osobą w celach marketingowych.

                ## 2. Przechowywanie

                Każda licencja ma **datę końca okresu przechowywania**. Po tej dacie:

                1. usuń wszystkie dane otrzymane w ramach licencji, także kopie w CRM, arkuszach i kopiach zapasowych,
                2. potwierdź usunięcie oświadczeniem: `POST /api/licensee/licences/{"{numer}"}/deletion` (z imieniem i nazwiskiem osoby, która potwierdza) albo pismem.

                Przypomnimy o tym e-mailem, gdy okres się skończy.

                ## 3. Obowiązek informacyjny (art. 14 RODO)

                Dane nie pochodzą od osoby, której dotyczą, więc **Ty** musisz ją poinformować o przetwarzaniu: kim jesteś, w jakim celu i na jakiej podstawie przetwarzasz dane, jakie ma prawa, i **skąd masz dane**. Termin:

                - najpóźniej **w ciągu miesiąca** od otrzymania danych,
                - a jeśli kontaktujesz się z osobą wcześniej — **najpóźniej przy pierwszym kontakcie**.

                Eksport z naszej bazy ma przy każdym wpisie **źródło i datę pozyskania** — podaj je w informacji. Wzmianka „dane od {f.Company}” nie wystarcza: osoba ma prawo wiedzieć, skąd pochodzą.

                ## 4. Zawiadomienia o usunięciu i sprzeciwie (art. 19 RODO)

                Gdy osoba, której wpis otrzymałeś, usunie dane albo sprzeciwi się ich udostępnianiu, dostajesz **zawiadomienie** e-mailem i w API:

                - pobieranie: `GET /api/licensee/notices?since=0` (odpowiedź zawiera `next` — użyj go przy następnym pobraniu),
                - potwierdzenie: `POST /api/licensee/notices/{"{id}"}/ack` po wykonaniu.

                Po zawiadomieniu **usuń wpis ze swoich systemów** (albo — przy sprzeciwie — przestań go używać) niezwłocznie i potwierdź to. Zawiadomienia sprawdzaj codziennie; najlepiej automatycznie.

                ## Kontakt

                Inspektor Ochrony Danych {f.Company}: {f.DpoEmail}, {f.PostalAddress}.
                """),
            ("Licensees' guide: using the data lawfully", $"""
                This guide is for companies to which {f.Company} has licensed data from its base. It explains the four duties most often forgotten. It is not legal advice; if in doubt, write to our DPO: {f.DpoEmail}.

                ## 1. Consent for e-mail and phone marketing

                Since 10 November 2024 the Polish **Electronic Communications Law** (Prawo komunikacji elektronicznej, art. 398) has required the recipient's **prior consent** for:

                - unsolicited commercial information by electronic means, in particular **e-mail**,
                - **direct marketing by phone**, including automated calling systems.

                This applies to **business** addresses and numbers too (B2B). Before that date the same rules came from art. 10 of the Act on providing services by electronic means and art. 172 of the Telecommunications Law.

                In practice: **the first e-mail or call must not be an offer**. Licensed data help you find the right person; ask for consent in a way that is not itself commercial information (a paper letter, for instance) and keep proof of the consent. An objection to marketing (Art. 21 GDPR) is absolute: after it, do not contact that person for marketing again.

                ## 2. Retention

                Every licence has a **retention end date**. After it:

                1. delete every record received under the licence, including copies in your CRM, spreadsheets and backups,
                2. attest the deletion: `POST /api/licensee/licences/{"{number}"}/deletion` (with the name of the person attesting), or by letter.

                We remind you by e-mail when the period ends.

                ## 3. The information duty (Art. 14 GDPR)

                The data do not come from the person, so **you** must tell them about the processing: who you are, the purpose and legal basis, their rights, and **where you got the data**. When:

                - within **one month** of receiving the data at the latest,
                - and if you contact the person earlier — **at the first contact** at the latest.

                The export from our base carries each record's **source and acquisition date** — give them in your information. "Data from {f.Company}" alone is not enough: the person has the right to know where the data come from.

                ## 4. Erasure and objection notices (Art. 19 GDPR)

                When a person whose record you received has their data erased or objects to sharing, you get a **notice** by e-mail and through the API:

                - fetch: `GET /api/licensee/notices?since=0` (the answer carries `next` — use it for the next fetch),
                - acknowledge: `POST /api/licensee/notices/{"{id}"}/ack` once done.

                After a notice, **delete the record from your systems** (or, for an objection, stop using it) without delay and acknowledge. Check for notices daily, best automatically.

                ## Contact

                Data Protection Officer of {f.Company}: {f.DpoEmail}, {f.PostalAddress}.
                """)),
    ];
}
