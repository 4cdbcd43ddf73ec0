using System.Security.Cryptography;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Requests;

public sealed record RequestStatus(
    string Number,
    RequestActions Actions,
    RequestState State,
    RequestOutcome Outcome,
    DateTime ReceivedAt,
    DateTime? ConfirmedAt,
    DateTime? CompletedAt,
    DateOnly DueOn);

/// <summary>
/// The public status page: a number and the e-mail it was sent with. A pair that does not match gets
/// the same answer as a number that does not exist.
/// </summary>
public sealed class FindRequestStatus(DpoDeskDbContext db, SuppressionKeys keys)
{
    public async Task<RequestStatus?> ExecuteAsync(string? number, string? email, CancellationToken ct)
    {
        var normalizedNumber = RequestNumber.Normalize(number);
        var normalizedEmail = email is null ? null : Identifiers.NormalizeEmail(email);
        // The key is computed even when the number is malformed, so both answers take about as long.
        var lookupKey = keys.ForRequestLookup(normalizedEmail ?? string.Empty);
        if (normalizedNumber is null || normalizedEmail is null)
            return null;

        var request = await db.Requests.AsNoTracking()
            .Where(r => r.Number == normalizedNumber)
            .Select(r => new { r.EmailLookupKey, Status = new RequestStatus(r.Number, r.Actions, r.State, r.Outcome, r.ReceivedAt, r.ConfirmedAt, r.CompletedAt, r.ExtendedDueOn ?? r.DueOn) })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (request?.EmailLookupKey is null || !CryptographicOperations.FixedTimeEquals(request.EmailLookupKey, lookupKey))
            return null;
        return request.Status;
    }
}
