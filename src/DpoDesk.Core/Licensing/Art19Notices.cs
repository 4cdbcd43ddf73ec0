using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DpoDesk.Contacts;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Licensing;

/// <summary>
/// Art. 19: every licensee that received a person's records is told of their erasure or objection —
/// a notice on its API feed and an e-mail to its contact, with the identifiers to act on, plain or
/// hashed as its licence says. A licence whose data the licensee has attested deleting gets none.
/// </summary>
public static class Art19Notices
{
    /// <summary>Records notices for these records in the caller's unit of work; returns how many licences were told.</summary>
    public static async Task<int> NotifyAsync(DpoDeskDbContext db, Request request, IReadOnlyList<Contact> records, NoticeKind kind, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(records);
        var recipients = await DisclosureLedger.RecipientsAsync(db, [.. records.Select(r => r.Id)], ct).ConfigureAwait(false);
        // A licensee that attested deleting the licence's data has nothing left to act on.
        var told = recipients.Where(r => r.Licence.DeletionAttestedAt is null).ToList();
        foreach (var recipient in told)
        {
            var received = records.Where(r => recipient.ContactIds.Contains(r.Id)).ToList();
            var identifiers = Identifiers(received, recipient.Licence.NoticeIdentifiers);
            db.LicenseeNotices.Add(new LicenseeNotice
            {
                LicenseeId = recipient.Licensee.Id,
                LicenceId = recipient.Licence.Id,
                Kind = kind,
                RequestNumber = request.Number,
                CreatedAt = now,
                Identifiers = identifiers,
                RecordCount = received.Count,
            });
            var (subject, body) = Message(kind, recipient.Licence, request.Number, identifiers, received.Count);
            Outbox.EnqueueEmail(db, recipient.Licensee.ContactEmail, subject, body, now);
        }
        if (told.Count > 0)
            request.Record(now, RequestEventKind.RecipientsNotified, $"Art. 19 notice ({kind.ToString().ToLowerInvariant()}) to {told.Count} licence(s): {string.Join(", ", told.Select(r => r.Licence.Number))}");
        return told.Count;
    }

    /// <summary>One identifier per line: "email:…" and "phone:…", or "sha256-email:…" and "sha256-phone:…".</summary>
    public static string Identifiers(IEnumerable<Contact> records, NoticeIdentifiers form)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.EmailNormalized is { } email)
                lines.Add(form == NoticeIdentifiers.Plain ? $"email:{email}" : $"sha256-email:{Sha256(email)}");
            if (record.PhoneNormalized is { } phone)
                lines.Add(form == NoticeIdentifiers.Plain ? $"phone:{phone}" : $"sha256-phone:{Sha256(phone)}");
        }
        return string.Join('\n', lines);
    }

    public static string Sha256(string identifier) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier)));

    static (string Subject, string Body) Message(NoticeKind kind, Licence licence, string requestNumber, string identifiers, int records)
    {
        var (pl, en) = kind == NoticeKind.Erasure
            ? ("usunięcie danych (art. 17 RODO)", "erasure (Art. 17 GDPR)")
            : ("sprzeciw wobec przetwarzania (art. 21 RODO)", "objection (Art. 21 GDPR)");
        var (actionPl, actionEn) = kind == NoticeKind.Erasure
            ? ("Prosimy usunąć te dane ze wszystkich swoich systemów i kopii.", "Please delete these data from all your systems and copies.")
            : ("Prosimy nie używać tych danych do marketingu i nie przekazywać ich dalej.", "Please stop using these data for marketing and do not pass them on.");
        var subject = $"Art. 19 RODO: {pl} — licencja {licence.Number} / {en}";
        var body = string.Create(CultureInfo.InvariantCulture, $"""
            Dzień dobry,

            osoba, której dane otrzymali Państwo w ramach licencji {licence.Number}, skorzystała z prawa: {pl}.
            Dotyczy to {records} rekordu/rekordów. {actionPl}

            Identyfikatory ({(licence.NoticeIdentifiers == NoticeIdentifiers.Plain ? "jawne" : "SHA-256 znormalizowanego e-maila i numeru E.164")}):
            {identifiers}

            Prosimy potwierdzić wykonanie przez API (POST /api/licensee/notices/ID/ack) — zawiadomienie jest też w GET /api/licensee/notices.
            Numer sprawy: {requestNumber}

            —

            A person whose data you received under licence {licence.Number} has exercised a right: {en}.
            It concerns {records} record(s). {actionEn}
            Identifiers as above; please acknowledge through the API. Case number: {requestNumber}

            Inspektor Ochrony Danych / Data Protection Officer
            """);
        return (subject, body);
    }
}

/// <summary>When a licence's retention ends: the licensee is reminded to delete the data, once, until it attests that it has.</summary>
public static class LicenceReminders
{
    public static async Task<int> SendDueAsync(DpoDeskDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = DateOnly.FromDateTime(Requests.Deadlines.ToPolishLocal(now));
        var due = await db.Licences.Include(l => l.Licensee)
            .Where(l => l.RetentionEndsOn < today && l.DeletionReminderSentAt == null && l.DeletionAttestedAt == null)
            .ToListAsync(ct).ConfigureAwait(false);
        var sent = 0;
        foreach (var licence in due)
        {
            // Claimed by one instance only, with the e-mail in the same transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var claimed = await db.Licences.Where(l => l.Id == licence.Id && l.DeletionReminderSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.DeletionReminderSentAt, now), ct).ConfigureAwait(false);
            if (claimed == 0)
                continue;
            Outbox.EnqueueEmail(db, licence.Licensee!.ContactEmail,
                $"Koniec okresu przechowywania — licencja {licence.Number} / Retention ended",
                string.Create(CultureInfo.InvariantCulture, $"""
                    Dzień dobry,

                    okres przechowywania danych z licencji {licence.Number} ({licence.Purpose}) upłynął {licence.RetentionEndsOn:yyyy-MM-dd}.
                    Prosimy usunąć wszystkie otrzymane w jej ramach dane i potwierdzić to oświadczeniem:
                    POST /api/licensee/licences/{licence.Number}/deletion (z nazwiskiem osoby, która potwierdza), albo pismem.

                    The retention period of licence {licence.Number} ended on {licence.RetentionEndsOn:yyyy-MM-dd}. Please delete every
                    record received under it and attest the deletion through the API (the address above) or by letter.

                    Inspektor Ochrony Danych / Data Protection Officer
                    """), now);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            sent++;
        }
        return sent;
    }
}
