using DpoDesk.Matching;
using DpoDesk.Suppression;

namespace DpoDesk.Requests;

/// <summary>How the request desk slices the requests: queue views and search, as database queries.</summary>
public static class DeskViews
{
    public const string All = "wszystkie";
    public const string New = "nowe";
    public const string AwaitingConfirmation = "potwierdzenie";
    public const string NeedsReview = "przeglad";
    public const string InProgress = "w-toku";
    public const string DueSoon = "wkrotce";
    public const string Overdue = "po-terminie";
    public const string Closed = "zamkniete";

    public static readonly string[] Views = [All, New, AwaitingConfirmation, NeedsReview, InProgress, DueSoon, Overdue, Closed];

    /// <summary>The views whose size the desk shows beside their names.</summary>
    public static readonly string[] Counted = [New, AwaitingConfirmation, NeedsReview, DueSoon, Overdue];

    /// <summary>Verified and not finished: the requests whose deadlines run.</summary>
    static readonly RequestState[] Running = [RequestState.Confirmed, RequestState.AwaitingVerification, RequestState.NeedsReview, RequestState.Paused];

    /// <summary>
    /// One view. "Due soon" is the 72-hour target within a day or the legal deadline within a week;
    /// "overdue" is past the legal deadline (the extended one where extended).
    /// </summary>
    public static IQueryable<Request> View(IQueryable<Request> query, string view, DateTime now, DateOnly today)
    {
        var soon = now.AddHours(24);
        var week = today.AddDays(7);
        return view switch
        {
            New => query.Where(r => r.State == RequestState.Confirmed || r.State == RequestState.AwaitingVerification),
            AwaitingConfirmation => query.Where(r => r.State == RequestState.AwaitingConfirmation),
            NeedsReview => query.Where(r => r.State == RequestState.NeedsReview),
            InProgress => query.Where(r => Running.Contains(r.State)),
            DueSoon => query.Where(r => Running.Contains(r.State) && (r.ExtendedDueOn ?? r.DueOn) >= today && ((r.ExtendedDueOn ?? r.DueOn) <= week || r.TargetAt <= soon)),
            Overdue => query.Where(r => Running.Contains(r.State) && (r.ExtendedDueOn ?? r.DueOn) < today),
            // Said as "not open" so that SQLite walks the newest requests first and stops at a page, instead
            // of sorting the closed ones (nearly all of them) through the state index: 182 ms -> 31 ms at 200,000.
            Closed => query.Where(r => r.State != RequestState.AwaitingConfirmation && r.State != RequestState.Confirmed
                && r.State != RequestState.AwaitingVerification && r.State != RequestState.NeedsReview && r.State != RequestState.Paused),
            _ => query,
        };
    }

    /// <summary>
    /// A number, an e-mail in any spelling (by its keyed hash, so that it finds requests whose data are
    /// already purged) or a phone in any format. Anything else, a name among them, finds nothing: the
    /// second value says how the term was understood, or null.
    /// </summary>
    public static (IQueryable<Request> Query, string? How) Search(IQueryable<Request> query, string term, SuppressionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(keys);
        if (RequestNumber.Normalize(term) is { } number)
            return (query.Where(r => r.Number == number), "number");
        if (term.Contains('@', StringComparison.Ordinal) && Identifiers.NormalizeEmail(term) is { } email)
        {
            var key = keys.ForRequestLookup(email);
            return (query.Where(r => r.EmailLookupKey == key), "e-mail");
        }
        if (term.Length <= RequestForm.MaxPhoneLength && Identifiers.NormalizePhone(term) is { } phone)
            return (query.Where(r => r.Phone == phone), "phone");
        return (query.Where(_ => false), null);
    }
}
