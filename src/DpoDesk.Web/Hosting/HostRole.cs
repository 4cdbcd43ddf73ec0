using DpoDesk.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DpoDesk.Web.Hosting;

/// <summary>
/// What one process does: <c>--role web</c> serves the portal and the office, <c>--role worker</c> runs
/// the background workers, and by default one process does both. Many of each may share one PostgreSQL.
/// </summary>
public sealed record HostRole(bool ServesWeb, bool RunsWorkers)
{
    public static HostRole From(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        null or "" or "both" => new HostRole(true, true),
        "web" => new HostRole(true, false),
        "worker" => new HostRole(false, true),
        _ => throw new InvalidOperationException($"role: '{role}' is not a role; use web, worker or both."),
    };
}

/// <summary>Ready means the database answers.</summary>
sealed class DatabaseHealthCheck(DpoDeskDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}

public static class HealthRegistration
{
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process runs. <c>/health/ready</c>: it can serve, its database answers.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        return endpoints;
    }
}
