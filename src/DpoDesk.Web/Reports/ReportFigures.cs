using System.Globalization;
using DpoDesk.Regulator;
using DpoDesk.Reports;
using static DpoDesk.Web.Localization.Text;

namespace DpoDesk.Web.Reports;

/// <summary>A table of figures: a caption, the column headings (the first heads the row names) and the rows.</summary>
public sealed record FigureTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A chart with the table of its figures; some figures are a table alone.</summary>
public sealed record Figure(Chart? Chart, FigureTable Table);

/// <summary>A part of the report: requests, inquiries, the regulator, breaches, assessments and the record.</summary>
public sealed record ReportSection(string Id, string Heading, IReadOnlyList<string> Summary, IReadOnlyList<Figure> Figures);

/// <summary>Turns the figures into the report's sections, in the current language: the page and the PDF show the same.</summary>
public static class ReportFigures
{
    static CultureInfo Culture => IsEnglish ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("pl-PL");

    static string Short(DateOnly month) => Culture.DateTimeFormat.GetAbbreviatedMonthName(month.Month).TrimEnd('.');

    static string Full(DateOnly month) => Culture.DateTimeFormat.GetMonthName(month.Month);

    static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Percent(decimal? share) => share is { } s ? s.ToString("0.0", Culture) + " %" : "—";

    static string Share(int part, int whole) => Percent(whole == 0 ? null : Math.Round(100m * part / whole, 1));

    public static string PeriodText(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.FromMonth == 1 && period.ToMonth == 12
            ? TF("rok {0}", S(period.Year))
            : $"{Full(period.FirstDay)}–{Full(new DateOnly(period.Year, period.ToMonth, 1))} {S(period.Year)}";
    }

    public static string BucketName(int bucket) => bucket switch
    {
        0 => T("do 1 h"),
        1 => T("1–24 h"),
        2 => T("24–72 h"),
        3 => T("3–7 dni"),
        4 => T("7–30 dni"),
        _ => T("ponad 30 dni"),
    };

    public static IReadOnlyList<ReportSection> Sections(OfficeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [Requests(report), Inquiries(report), Regulator(report), Breaches(report), Assessments(report), Training(report)];
    }

    static ReportSection Requests(OfficeReport report)
    {
        var months = report.RequestsPerMonth;
        var categories = months.Select(m => Short(m.Month)).ToList();
        var erasure = months.Sum(m => m.Erasure);
        var source = months.Sum(m => m.SourceInquiry);
        var objection = months.Sum(m => m.SharingObjection);
        var web = months.Sum(m => m.Web);
        var post = months.Sum(m => m.Post);
        var found = months.Sum(m => m.Found);
        var notFound = months.Sum(m => m.NotFound);
        var time = report.TimeToResult;
        var compliance = report.Compliance;

        var byType = new Chart("requests-type", T("Zgłoszenia miesięcznie według rodzaju"),
            TF("Zgłoszenia przyjęte w każdym miesiącu według rodzaju żądania; jedno zgłoszenie może zawierać kilka żądań. Razem: {0}.", report.RequestsTotal),
            categories, [new(T("usunięcie"), [.. months.Select(m => m.Erasure)]), new(T("źródło danych"), [.. months.Select(m => m.SourceInquiry)]), new(T("sprzeciw wobec udostępniania"), [.. months.Select(m => m.SharingObjection)])]);
        var byTypeTable = new FigureTable("t-requests-type", T("Zgłoszenia według miesiąca i rodzaju"), [T("Miesiąc"), T("usunięcie"), T("źródło danych"), T("sprzeciw wobec udostępniania"), T("Zgłoszenia")],
            [.. months.Select(m => (IReadOnlyList<string>)[Full(m.Month), S(m.Erasure), S(m.SourceInquiry), S(m.SharingObjection), S(m.Total)]),
             [T("Razem"), S(erasure), S(source), S(objection), S(report.RequestsTotal)]]);

        var byChannel = new Chart("requests-channel", T("Zgłoszenia miesięcznie według kanału"),
            TF("Zgłoszenia przez formularz: {0}, pocztą: {1}.", web, post), categories,
            [new(ChannelName(DpoDesk.Requests.RequestChannel.Web), [.. months.Select(m => m.Web)]), new(ChannelName(DpoDesk.Requests.RequestChannel.Post), [.. months.Select(m => m.Post)])], Stacked: true);
        var byChannelTable = new FigureTable("t-requests-channel", T("Zgłoszenia według miesiąca i kanału"), [T("Miesiąc"), ChannelName(DpoDesk.Requests.RequestChannel.Web), ChannelName(DpoDesk.Requests.RequestChannel.Post)],
            [.. months.Select(m => (IReadOnlyList<string>)[Full(m.Month), S(m.Web), S(m.Post)]), [T("Razem"), S(web), S(post)]]);

        var foundChart = new Chart("requests-found", T("Znalezione w bazie kontaktów i nieznalezione"),
            TF("Zgłoszenia, dla których znaleźliśmy dane osoby: {0}; bez danych w bazie: {1}.", found, notFound), categories,
            [new(T("znalezione"), [.. months.Select(m => m.Found)]), new(T("nieznalezione"), [.. months.Select(m => m.NotFound)])], Stacked: true);
        var foundTable = new FigureTable("t-requests-found", T("Wynik wyszukiwania w bazie według miesiąca"), [T("Miesiąc"), T("znalezione"), T("nieznalezione")],
            [.. months.Select(m => (IReadOnlyList<string>)[Full(m.Month), S(m.Found), S(m.NotFound)]), [T("Razem"), S(found), S(notFound)]]);

        var buckets = time.Buckets;
        var timeChart = new Chart("time-to-result", T("Czas od wpływu do odpowiedzi"),
            TF("Rozkład czasu od wpływu zgłoszenia do odpowiedzi dla {0} odpowiedzi; w ciągu 72 godzin: {1}.", time.Total, Percent(time.WithinHouseTargetShare)),
            [.. Enumerable.Range(0, buckets.Count).Select(BucketName)], [new(T("Odpowiedzi"), buckets)]);
        var timeTable = new FigureTable("t-time-to-result", T("Czas od wpływu do odpowiedzi"), [T("Czas"), T("Odpowiedzi")],
            [.. Enumerable.Range(0, buckets.Count).Select(i => (IReadOnlyList<string>)[BucketName(i), S(buckets[i])]), [T("Razem"), S(time.Total)], [T("w ciągu 72 godzin"), $"{S(time.WithinHouseTarget)} ({Percent(time.WithinHouseTargetShare)})"]]);

        var complianceChart = new Chart("compliance", T("Dotrzymanie terminu ustawowego"),
            TF("Zgłoszenia z okresu wobec terminu z art. 12 ust. 3 RODO (z przedłużeniem): w terminie {0}, po terminie {1}, otwarte w terminie {2}, otwarte po terminie {3}.", compliance.AnsweredInTime, compliance.AnsweredLate, compliance.OpenInTime, compliance.OpenOverdue),
            [T("odpowiedź w terminie"), T("odpowiedź po terminie"), T("otwarte, w terminie"), T("otwarte, po terminie")],
            [new(T("Zgłoszenia"), [compliance.AnsweredInTime, compliance.AnsweredLate, compliance.OpenInTime, compliance.OpenOverdue])]);
        var complianceTable = new FigureTable("t-compliance", T("Dotrzymanie terminu ustawowego"), [T("Stan"), T("Zgłoszenia"), T("Udział")],
            [[T("odpowiedź w terminie"), S(compliance.AnsweredInTime), Share(compliance.AnsweredInTime, compliance.Total)],
             [T("odpowiedź po terminie"), S(compliance.AnsweredLate), Share(compliance.AnsweredLate, compliance.Total)],
             [T("otwarte, w terminie"), S(compliance.OpenInTime), Share(compliance.OpenInTime, compliance.Total)],
             [T("otwarte, po terminie"), S(compliance.OpenOverdue), Share(compliance.OpenOverdue, compliance.Total)]]);

        List<string> summary =
        [
            TF("Zgłoszenia przyjęte: {0} (usunięcie danych: {1}, źródło danych: {2}, sprzeciw wobec udostępniania: {3}); przez formularz: {4}, pocztą: {5}.", report.RequestsTotal, erasure, source, objection, web, post),
            TF("Dane osoby znalezione w bazie: {0}, nieznalezione: {1}.", found, notFound),
            TF("Odpowiedzi w okresie: {0}, w ciągu 72 godzin: {1}.", time.Total, Percent(time.WithinHouseTargetShare)),
            TF("Termin ustawowy: dotrzymany {0}, przekroczony {1}; otwarte po terminie: {2}.", compliance.AnsweredInTime, compliance.AnsweredLate, compliance.OpenOverdue),
        ];
        return new ReportSection("requests", T("Żądania osób, których dane dotyczą"), summary,
            [new(byType, byTypeTable), new(byChannel, byChannelTable), new(foundChart, foundTable), new(timeChart, timeTable), new(complianceChart, complianceTable)]);
    }

    static ReportSection Inquiries(OfficeReport report)
    {
        var months = report.InquiriesPerMonth;
        var received = months.Sum(m => m.Received);
        var answered = months.Sum(m => m.Answered);
        var chart = new Chart("inquiries", T("Zapytania do IOD miesięcznie"), TF("Zapytania przyjęte: {0}, z odpowiedzią: {1}.", received, answered),
            [.. months.Select(m => Short(m.Month))], [new(T("przyjęte"), [.. months.Select(m => m.Received)]), new(T("z odpowiedzią"), [.. months.Select(m => m.Answered)])]);
        var table = new FigureTable("t-inquiries", T("Zapytania według miesiąca"), [T("Miesiąc"), T("przyjęte"), T("z odpowiedzią")],
            [.. months.Select(m => (IReadOnlyList<string>)[Full(m.Month), S(m.Received), S(m.Answered)]), [T("Razem"), S(received), S(answered)]]);
        return new ReportSection("inquiries", T("Zapytania"), [TF("Zapytania przyjęte: {0}, z odpowiedzią: {1}.", received, answered)], [new(chart, table)]);
    }

    static ReportSection Regulator(OfficeReport report)
    {
        var figures = report.Regulator;
        var months = figures.LettersPerMonth;
        var incoming = months.Sum(m => m.Incoming);
        var outgoing = months.Sum(m => m.Outgoing);
        var chart = new Chart("regulator-letters", T("Pisma UODO miesięcznie"), TF("Pisma od UODO: {0}, nasze odpowiedzi: {1}.", incoming, outgoing),
            [.. months.Select(m => Short(m.Month))], [new(T("od UODO"), [.. months.Select(m => m.Incoming)]), new(T("nasze odpowiedzi"), [.. months.Select(m => m.Outgoing)])]);
        var table = new FigureTable("t-regulator-letters", T("Pisma UODO według miesiąca"), [T("Miesiąc"), T("od UODO"), T("nasze odpowiedzi")],
            [.. months.Select(m => (IReadOnlyList<string>)[Full(m.Month), S(m.Incoming), S(m.Outgoing)]), [T("Razem"), S(incoming), S(outgoing)]]);
        var outcomes = Enum.GetValues<CaseOutcome>().Where(o => o != CaseOutcome.None).ToList();
        var outcomeChart = new Chart("regulator-outcomes", T("Rozstrzygnięcia spraw UODO"), TF("Sprawy zamknięte w okresie: {0}.", figures.CasesClosed),
            [.. outcomes.Select(CaseOutcomeName)], [new(T("Sprawy"), [.. outcomes.Select(o => figures.Outcomes.FirstOrDefault(x => x.Outcome == o).Count)])]);
        var outcomeTable = new FigureTable("t-regulator-outcomes", T("Rozstrzygnięcia spraw zamkniętych w okresie"), [T("Rozstrzygnięcie"), T("Sprawy")],
            [.. outcomes.Select(o => (IReadOnlyList<string>)[CaseOutcomeName(o), S(figures.Outcomes.FirstOrDefault(x => x.Outcome == o).Count)]), [T("Razem"), S(figures.CasesClosed)]]);
        return new ReportSection("regulator", T("Sprawy przed Prezesem UODO"),
            [TF("Sprawy wszczęte: {0}, zamknięte: {1}; pisma od UODO: {2}, odpowiedzi: {3}; odpowiedzi po terminie: {4}.", figures.CasesOpened, figures.CasesClosed, incoming, outgoing, figures.LettersAnsweredLate)],
            [new(chart, table), new(outcomeChart, outcomeTable)]);
    }

    static ReportSection Breaches(OfficeReport report)
    {
        var figures = report.Breaches;
        var chart = new Chart("breaches", T("Naruszenia według wagi (ENISA)"), TF("Naruszenia stwierdzone w okresie: {0}.", figures.Total),
            [.. figures.BySeverity.Select(b => BandName(b.Band))], [new(T("Naruszenia"), [.. figures.BySeverity.Select(b => b.Count)])]);
        var table = new FigureTable("t-breaches", T("Naruszenia według wagi i zgłoszenia"), [T("Pozycja"), T("Naruszenia")],
            [.. figures.BySeverity.Select(b => (IReadOnlyList<string>)[TF("waga: {0}", BandName(b.Band)), S(b.Count)]),
             [T("Razem"), S(figures.Total)],
             [T("zgłoszone Prezesowi UODO"), S(figures.NotifiedToAuthority)],
             [T("zawiadomione osoby"), S(figures.NotifiedToPersons)],
             [T("decyzja w ciągu 72 godzin"), S(figures.DecidedWithin72Hours)],
             [T("bez decyzji"), S(figures.AwaitingDecision)]]);
        return new ReportSection("breaches", T("Naruszenia ochrony danych"),
            [TF("Naruszenia: {0}; zgłoszone Prezesowi UODO: {1}; zawiadomione osoby: {2}; bez decyzji: {3}.", figures.Total, figures.NotifiedToAuthority, figures.NotifiedToPersons, figures.AwaitingDecision)],
            [new(chart, table)]);
    }

    static ReportSection Assessments(OfficeReport report)
    {
        var dpias = report.Dpias;
        var records = report.Records;
        var table = new FigureTable("t-registers", T("Oceny skutków i rejestr czynności"), [T("Pozycja"), T("Liczba")],
            [[T("oceny skutków (DPIA)"), S(dpias.Total)],
             [T("zatwierdzone"), S(dpias.SignedOff)],
             [T("w toku"), S(dpias.InProgress)],
             [T("niewymagane"), S(dpias.NotRequired)],
             [T("zatwierdzone w okresie"), S(dpias.SignedOffInPeriod)],
             [T("czynności w rejestrze (art. 30)"), S(records.Activities)]]);
        return new ReportSection("registers", T("Oceny skutków i rejestr czynności przetwarzania"),
            [TF("Oceny skutków: {0}, zatwierdzone: {1}, w toku: {2}.", dpias.Total, dpias.SignedOff, dpias.InProgress),
             TF("Rejestr czynności przetwarzania: {0} czynności, ostatnia zmiana: {1}.", records.Activities, records.LastUpdated is { } at ? DateTimeText(at) : "—")],
            [new(null, table)]);
    }

    static ReportSection Training(OfficeReport report)
    {
        var training = report.Training;
        var table = new FigureTable("t-training", T("Szkolenia pracowników w dniu sporządzenia raportu"), [T("Pozycja"), T("Liczba")],
            [[T("kursy"), S(training.Courses)],
             [T("pracownicy z przypisanym kursem"), S(training.StaffAssigned)],
             [T("przypisania (osoba i kurs)"), S(training.Assignments)],
             [T("szkolenie ważne"), S(training.Valid)],
             [T("ważność kończy się w ciągu 30 dni"), S(training.DueSoon)],
             [T("po terminie odnowienia"), S(training.Overdue)],
             [T("nigdy nieodbyte"), S(training.NeverTaken)],
             [T("kursy zaliczone w okresie"), S(training.PassedInPeriod)]]);
        return new ReportSection("training", T("Szkolenia pracowników (art. 39 ust. 1 lit. b RODO)"),
            [TF("Przypisania kursów: {0}; ważne: {1}, wkrótce do odnowienia: {2}, po terminie: {3}, nigdy nieodbyte: {4}; zaliczenia w okresie: {5}.",
                training.Assignments, training.Valid, training.DueSoon, training.Overdue, training.NeverTaken, training.PassedInPeriod)],
            [new(null, table)]);
    }
}
