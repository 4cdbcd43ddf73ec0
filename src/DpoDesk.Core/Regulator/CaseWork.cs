using System.Globalization;
using DpoDesk.Audit;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Regulator;

/// <summary>One part of an evidence pack: a heading and its lines.</summary>
public sealed record EvidenceSection(string Heading, IReadOnlyList<string> Lines);

public sealed record CaseStatistics(IReadOnlyList<(int Year, int Incoming, int Outgoing)> LettersPerYear, IReadOnlyList<(CaseOutcome Outcome, int Count, decimal Share)> Outcomes, double? MedianDaysToAnswer);

/// <summary>The regulator desk's rules that are not a page: reminders, statistics and the evidence pack.</summary>
public static class CaseWork
{
    static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>Incoming letters not answered whose deadline is within <paramref name="days"/> days (or past): reminded to the assignee once.</summary>
    public static async Task<int> RemindAsync(DpoDeskDbContext db, DateTime now, int days, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var limit = Deadlines.PolishDate(now).AddDays(days);
        var due = await (from letter in db.CaseLetters
                         join @case in db.RegulatorCases on letter.CaseId equals @case.Id
                         where letter.Direction == LetterDirection.Incoming && letter.AnsweredById == null && letter.ReminderSentAt == null
                            && letter.DueOn != null && letter.DueOn <= limit && @case.State != CaseState.Closed
                         select new { Letter = letter, @case.Reference, @case.AssignedTo }).ToListAsync(ct).ConfigureAwait(false);
        foreach (var item in due)
        {
            Outbox.EnqueueEmail(db, item.AssignedTo, $"UODO {item.Reference}: termin odpowiedzi {item.Letter.DueOn:yyyy-MM-dd}",
                $"Sprawa {item.Reference}: pismo \"{item.Letter.Title}\" z {item.Letter.Date:yyyy-MM-dd} czeka na odpowiedź.\nTermin (KPA art. 57): {item.Letter.DueOn:yyyy-MM-dd}.\n", now);
            item.Letter.ReminderSentAt = now;
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return due.Count;
    }

    public static async Task<CaseStatistics> StatisticsAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var letters = await db.CaseLetters.AsNoTracking().Select(l => new { l.Id, l.Direction, l.Date, l.AnsweredById }).ToListAsync(ct).ConfigureAwait(false);
        var perYear = letters.GroupBy(l => l.Date.Year).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count(l => l.Direction == LetterDirection.Incoming), g.Count(l => l.Direction == LetterDirection.Outgoing))).ToList();
        var closed = await db.RegulatorCases.AsNoTracking().Where(c => c.State == CaseState.Closed).Select(c => c.Outcome).ToListAsync(ct).ConfigureAwait(false);
        var outcomes = closed.GroupBy(o => o).OrderByDescending(g => g.Count())
            .Select(g => (g.Key, g.Count(), Math.Round(100m * g.Count() / closed.Count, 1))).ToList();
        var byId = letters.ToDictionary(l => l.Id);
        var answerDays = letters.Where(l => l.Direction == LetterDirection.Incoming && l.AnsweredById is { } a && byId.ContainsKey(a))
            .Select(l => (double)(byId[l.AnsweredById!.Value].Date.DayNumber - l.Date.DayNumber)).Order().ToList();
        double? median = answerDays.Count == 0 ? null
            : answerDays.Count % 2 == 1 ? answerDays[answerDays.Count / 2]
            : (answerDays[answerDays.Count / 2 - 1] + answerDays[answerDays.Count / 2]) / 2;
        return new CaseStatistics(perYear, outcomes, median);
    }

    /// <summary>
    /// Everything the office can prove about the persons a case concerns: each request with its timeline,
    /// every message with its delivery record, every action on the contact base and the suppression list,
    /// the audit events, and whether the audit chain is intact.
    /// </summary>
    public static async Task<IReadOnlyList<EvidenceSection>> EvidenceAsync(DpoDeskDbContext db, AuditTrail trail, long caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(trail);
        var @case = await db.RegulatorCases.AsNoTracking().Include(c => c.Letters.OrderBy(l => l.Date).ThenBy(l => l.Id)).SingleAsync(c => c.Id == caseId, ct).ConfigureAwait(false);
        var requestIds = await db.CaseRequests.Where(r => r.CaseId == caseId).Select(r => r.RequestId).ToListAsync(ct).ConfigureAwait(false);
        var requests = await db.Requests.AsNoTracking().Include(r => r.Events.OrderBy(e => e.At).ThenBy(e => e.Id))
            .Where(r => requestIds.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(ct).ConfigureAwait(false);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.RequestId != null && requestIds.Contains(m.RequestId.Value)).OrderBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
        var subjects = requests.Select(r => "request:" + r.Number).ToList();
        var audited = await db.AuditEvents.AsNoTracking().Where(e => e.Subject != null && subjects.Contains(e.Subject)).OrderBy(e => e.Sequence).ToListAsync(ct).ConfigureAwait(false);
        var verification = await trail.VerifyAsync(db, ct).ConfigureAwait(false);
        var chats = await Chat.ChatRetention.TranscriptsForAsync(db, requestIds, ct).ConfigureAwait(false);

        var sections = new List<EvidenceSection>
        {
            new("Sprawa", [$"Sygnatura: {@case.Reference}", $"Przedmiot: {@case.Subject}", $"Kanał: {@case.Channel}", $"Opis: {@case.Summary}",
                .. @case.Letters.Select(l => $"{(l.Direction == LetterDirection.Incoming ? "Pismo UODO" : "Odpowiedź")} z {l.Date:yyyy-MM-dd}: {l.Title}" + (l.DueOn is { } due ? $" (termin {due:yyyy-MM-dd})" : ""))]),
        };
        foreach (var request in requests)
        {
            var lines = new List<string>
            {
                $"Rodzaj: {request.Actions}; kanał: {request.Channel}; stan: {request.State}; wynik: {request.Outcome}",
                $"Przyjęte: {Stamp(request.ReceivedAt)}; termin ustawowy: {request.EffectiveDueOn:yyyy-MM-dd}; zrealizowane: {(request.CompletedAt is { } done ? Stamp(done) : "—")}",
                $"Rekordy: znalezione {request.RecordsFound}, usunięte {request.RecordsErased}, zablokowane {request.RecordsRestricted}",
                "Przebieg:",
            };
            lines.AddRange(request.Events.Select(e => $"  {Stamp(e.At)} — {e.Kind}" + (e.Detail is null ? "" : $": {e.Detail}")));
            lines.Add("Wiadomości (z potwierdzeniem doręczenia):");
            lines.AddRange(messages.Where(m => m.RequestId == request.Id).Select(m =>
                $"  {Stamp(m.CreatedAt)} {m.Channel} „{m.Subject ?? "SMS"}” — {m.State}" + (m.SentAt is { } sent ? $", wysłane {Stamp(sent)}" : "") + (m.DeliveryReference is null ? "" : $", potwierdzenie serwera: {m.DeliveryReference}")));
            lines.Add("Powiadomienia odbiorców danych (art. 19): brak udostępnień zarejestrowanych w systemie.");
            foreach (var chat in chats.Where(c => c.RequestId == request.Id))
                lines.AddRange(chat.Lines);
            sections.Add(new EvidenceSection($"Zgłoszenie {request.Number}", lines));
        }
        sections.Add(new EvidenceSection("Dziennik zdarzeń dotyczących tych zgłoszeń",
            audited.Count == 0 ? ["brak"] : audited.Select(e => $"#{e.Sequence} {Stamp(e.At)} {e.Actor}: {e.Action}" + (e.Detail is null ? "" : $" ({e.Detail})")).ToList()));
        sections.Add(new EvidenceSection("Weryfikacja łańcucha dziennika", [verification.IsIntact
            ? $"Łańcuch nienaruszony: sprawdzono {verification.VerifiedEvents} zdarzeń; skrót ostatniego: {Convert.ToHexStringLower(verification.HeadHash!)}."
            : $"Łańcuch PRZERWANY przy zdarzeniu {verification.BrokenAt} ({verification.Break}); nienaruszone zdarzenia 1–{verification.VerifiedEvents}."]));
        return sections;
    }

    /// <summary>The regulator reply template filled from the evidence: each request with its dates and outcome, and the audit chain's state.</summary>
    public static async Task<RenderedMessage> DraftReplyAsync(DpoDeskDbContext db, AuditTrail trail, long caseId, string controllerName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(trail);
        var @case = await db.RegulatorCases.AsNoTracking().SingleAsync(c => c.Id == caseId, ct).ConfigureAwait(false);
        var requests = await (from link in db.CaseRequests
                              join request in db.Requests on link.RequestId equals request.Id
                              where link.CaseId == caseId
                              orderby request.Id
                              select request).AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var lines = requests.Select(r =>
            $" - zgłoszenie {r.Number} z {Stamp(r.ReceivedAt)}: {DescribeActions(r.Actions)}; " +
            (r.CompletedAt is { } done ? $"zrealizowane {Stamp(done)} (termin ustawowy {r.EffectiveDueOn:yyyy-MM-dd}), wynik: {(r.Outcome == RequestOutcome.DataFound ? $"dane odnalezione — usunięto {r.RecordsErased}, zablokowano {r.RecordsRestricted}" : "danych nie odnaleziono")}" : $"stan: {r.State}"));
        var verification = await trail.VerifyAsync(db, ct).ConfigureAwait(false);
        var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.RegulatorReply, "pl", ct).ConfigureAwait(false);
        return ReplyTemplates.Fill(template, new Dictionary<string, string>
        {
            ["case_reference"] = @case.Reference,
            ["controller"] = controllerName,
            ["requests"] = requests.Count == 0 ? " - (do sprawy nie dołączono zgłoszeń)" : string.Join("\n", lines),
            ["audit"] = verification.IsIntact
                ? $"Dziennik zdarzeń jest nienaruszony (sprawdzono {verification.VerifiedEvents} zdarzeń, łańcuch skrótów)."
                : "Uwaga: weryfikacja dziennika zdarzeń wykazała przerwanie łańcucha — wyjaśnić przed wysłaniem.",
        });
    }

    static string DescribeActions(RequestActions actions) => string.Join(", ", new[]
    {
        actions.HasFlag(RequestActions.Erasure) ? "usunięcie danych" : null,
        actions.HasFlag(RequestActions.SourceInquiry) ? "informacja o źródle" : null,
        actions.HasFlag(RequestActions.SharingObjection) ? "sprzeciw wobec udostępniania" : null,
    }.Where(a => a is not null));

    static string Stamp(DateTime utc) => Deadlines.ToPolishLocal(utc).ToString("yyyy-MM-dd HH:mm", Polish);
}
