using System.Globalization;
using DpoDesk.Audit;
using DpoDesk.Licensing;
using DpoDesk.Persistence;
using DpoDesk.Web.Office;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Api;

/// <summary>
/// The licensees' API, authenticated by each licensee's key (<c>Authorization: Bearer dpk_…</c>):
/// the feed of Art. 19 notices, their acknowledgement, and the attestation that a licence's data were
/// deleted. A licensee sees its own notices only.
/// </summary>
public static class LicenseeApi
{
    const int PageSize = 500;

    public static IEndpointRouteBuilder MapLicenseeApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/licensee");

        // since: the last notice id already fetched (the feed's cursor), or an ISO 8601 time.
        api.MapGet("/notices", async (string? since, HttpContext http, DpoDeskDbContext db, CancellationToken ct) =>
        {
            var licensee = await AuthenticateAsync(http, db, ct);
            if (licensee is null)
                return Unauthorized(http);
            var query = db.LicenseeNotices.AsNoTracking().Where(n => n.LicenseeId == licensee.Id);
            if (!string.IsNullOrEmpty(since))
            {
                if (long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var afterId))
                    query = query.Where(n => n.Id > afterId);
                else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var afterTime))
                    query = query.Where(n => n.CreatedAt > afterTime.UtcDateTime);
                else
                    return Results.Problem(statusCode: 400, title: "since must be a notice id or an ISO 8601 time, e.g. since=0 or since=2026-12-01T00:00:00Z.");
            }
            var notices = await query.OrderBy(n => n.Id).Take(PageSize)
                .Select(n => new { n.Id, n.Kind, Licence = n.Licence!.Number, n.RequestNumber, n.CreatedAt, n.RecordCount, n.Identifiers, n.AcknowledgedAt })
                .ToListAsync(ct);
            return Results.Ok(new
            {
                notices = notices.Select(n => new
                {
                    id = n.Id,
                    kind = n.Kind == NoticeKind.Erasure ? "erasure" : "objection",
                    licence = n.Licence,
                    caseNumber = n.RequestNumber,
                    createdAt = DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc),
                    records = n.RecordCount,
                    identifiers = n.Identifiers.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                    acknowledgedAt = n.AcknowledgedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : (DateTime?)null,
                }),
                next = notices.Count > 0 ? notices[^1].Id : (since is not null && long.TryParse(since, CultureInfo.InvariantCulture, out var s) ? s : 0),
                more = notices.Count == PageSize,
            });
        });

        api.MapPost("/notices/{id:long}/ack", async (long id, HttpContext http, DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, CancellationToken ct) =>
        {
            var licensee = await AuthenticateAsync(http, db, ct);
            if (licensee is null)
                return Unauthorized(http);
            // Another licensee's notice is "not found", never "forbidden": its existence is not for this caller to learn.
            var notice = await db.LicenseeNotices.FirstOrDefaultAsync(n => n.Id == id && n.LicenseeId == licensee.Id, ct);
            if (notice is null)
                return Results.Problem(statusCode: 404, title: "No such notice.");
            if (notice.AcknowledgedAt is null)
            {
                notice.AcknowledgedAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync("licensee:" + licensee.Nip, AuditActions.NoticeAcknowledged, "notice:" + notice.Id, notice.RequestNumber, ct);
            }
            return Results.Ok(new { id = notice.Id, acknowledgedAt = DateTime.SpecifyKind(notice.AcknowledgedAt.Value, DateTimeKind.Utc) });
        });

        api.MapPost("/licences/{number}/deletion", async (string number, DeletionAttestation? body, HttpContext http, DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, CancellationToken ct) =>
        {
            var licensee = await AuthenticateAsync(http, db, ct);
            if (licensee is null)
                return Unauthorized(http);
            var licence = await db.Licences.FirstOrDefaultAsync(l => l.Number == number && l.LicenseeId == licensee.Id, ct);
            if (licence is null)
                return Results.Problem(statusCode: 404, title: "No such licence.");
            var attestedBy = body?.AttestedBy?.Trim();
            if (string.IsNullOrEmpty(attestedBy) || attestedBy.Length > 200)
                return Results.Problem(statusCode: 400, title: "attestedBy: the name and position of the person who attests the deletion (up to 200 characters).");
            if (licence.DeletionAttestedAt is null)
            {
                licence.DeletionAttestedAt = time.GetUtcNow().UtcDateTime;
                licence.DeletionAttestation = $"API: {attestedBy}";
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync("licensee:" + licensee.Nip, AuditActions.DeletionAttested, "licence:" + licence.Number, "by API", ct);
            }
            return Results.Ok(new { licence = licence.Number, attestedAt = DateTime.SpecifyKind(licence.DeletionAttestedAt.Value, DateTimeKind.Utc) });
        });
        return endpoints;
    }

    public sealed record DeletionAttestation(string? AttestedBy);

    static async Task<Licensee?> AuthenticateAsync(HttpContext http, DpoDeskDbContext db, CancellationToken ct)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return null;
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is < 20 or > 200)
            return null;
        var hash = LicensingDesk.HashApiKey(key);
        return await db.Licensees.AsNoTracking().FirstOrDefaultAsync(l => l.ApiKeyHash == hash, ct);
    }

    static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"dpodesk-licensee\"";
        return Results.Problem(statusCode: 401, title: "An API key is needed: Authorization: Bearer <your key>.");
    }
}
