using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Requests;

namespace DpoDesk.Web.Office;

/// <summary>Records what the signed-in member of staff does, in the audit trail, with where it came from.</summary>
public sealed class OfficeAudit(DpoDeskDbContext db, AuditTrail trail, TimeProvider time, IHttpContextAccessor http)
{
    public Task RecordAsync(string action, string? subject = null, string? detail = null, CancellationToken ct = default) =>
        RecordAsync(http.HttpContext?.User.Identity?.Name ?? "anonymous", action, subject, detail, ct);

    /// <summary>For actions before anyone is signed in (a failed sign-in, an accepted invitation).</summary>
    public Task RecordAsync(string actor, string action, string? subject, string? detail, CancellationToken ct) =>
        trail.AppendAsync(db, new AuditEntry(actor, action, subject, detail, http.HttpContext?.Connection.RemoteIpAddress?.ToString()), time.GetUtcNow().UtcDateTime, ct);

    /// <summary>The signed-in member of staff and where they act from, for the desks' use cases.</summary>
    public StaffActor Actor() =>
        new(http.HttpContext?.User.Identity?.Name ?? "anonymous", http.HttpContext?.Connection.RemoteIpAddress?.ToString());

    public static string RequestSubject(string number) => "request:" + number;

    public static string StaffSubject(string email) => "staff:" + email;
}
