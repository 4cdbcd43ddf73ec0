using System.Buffers.Text;
using System.Security.Cryptography;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Requests;

public enum ConfirmationOutcome
{
    /// <summary>The link is valid and the request waits for the person's click.</summary>
    Ready = 1,
    Confirmed,
    AlreadyConfirmed,
    Expired,
    NotFound,
}

public sealed record ConfirmationResult(ConfirmationOutcome Outcome, Request? Request);

/// <summary>
/// The confirmation link: proves the person controls the e-mail address and starts processing.
/// The link works once; the token is compared by its hash.
/// </summary>
public sealed class ConfirmRequest(DpoDeskDbContext db, TimeProvider time)
{
    /// <summary>What the link leads to, without changing anything (a mail scanner may open links).</summary>
    public async Task<ConfirmationResult> InspectAsync(string? token, CancellationToken ct)
    {
        var request = await FindAsync(token, ct).ConfigureAwait(false);
        return new ConfirmationResult(Classify(request), request);
    }

    public async Task<ConfirmationResult> ExecuteAsync(string? token, CancellationToken ct)
    {
        var request = await FindAsync(token, ct).ConfigureAwait(false);
        var outcome = Classify(request);
        if (outcome != ConfirmationOutcome.Ready)
            return new ConfirmationResult(outcome, request);

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        // A conditional update, so that two clicks at once confirm (and process) the request once.
        var updated = await db.Requests
            .Where(r => r.Id == request!.Id && r.State == RequestState.AwaitingConfirmation)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RequestState.Confirmed).SetProperty(r => r.ConfirmedAt, now), ct)
            .ConfigureAwait(false);
        if (updated == 0)
            return new ConfirmationResult(ConfirmationOutcome.AlreadyConfirmed, request);
        db.RequestEvents.Add(new RequestEvent { RequestId = request!.Id, At = now, Kind = RequestEventKind.Confirmed, Detail = "e-mail link" });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        request.State = RequestState.Confirmed;
        request.ConfirmedAt = now;
        return new ConfirmationResult(ConfirmationOutcome.Confirmed, request);
    }

    ConfirmationOutcome Classify(Request? request)
    {
        if (request is null)
            return ConfirmationOutcome.NotFound;
        if (request.State is not (RequestState.AwaitingConfirmation or RequestState.Expired))
            return ConfirmationOutcome.AlreadyConfirmed;
        if (request.State == RequestState.Expired || request.ConfirmationExpiresAt <= time.GetUtcNow().UtcDateTime)
            return ConfirmationOutcome.Expired;
        return ConfirmationOutcome.Ready;
    }

    async Task<Request?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
            return null;
        Span<byte> raw = stackalloc byte[48];
        if (Base64Url.DecodeFromChars(token, raw, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return null;
        var hash = SHA256.HashData(raw[..written]);
        return await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.ConfirmationTokenHash == hash, ct).ConfigureAwait(false);
    }
}
