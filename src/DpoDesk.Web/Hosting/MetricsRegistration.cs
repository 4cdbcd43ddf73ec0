using System.Diagnostics.Metrics;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using OpenTelemetry.Metrics;

namespace DpoDesk.Web.Hosting;

/// <summary>OpenTelemetry metrics, exposed for Prometheus at <c>/metrics</c>.</summary>
public static class MetricsRegistration
{
    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RequestMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(RequestMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var services = app.Services;
        var meter = services.GetRequiredService<RequestMetrics>().Meter;
        meter.CreateObservableGauge("dpodesk.requests", () => Count(services, db =>
            db.Requests.GroupBy(r => r.State).Select(g => new { g.Key, Count = (long)g.Count() }).AsEnumerable()
                .Select(g => new Measurement<long>(g.Count, new KeyValuePair<string, object?>("state", g.Key.ToString())))),
            description: "Requests by state");
        meter.CreateObservableGauge("dpodesk.outbox.messages", () => Count(services, db =>
            db.OutboxMessages.GroupBy(m => m.State).Select(g => new { g.Key, Count = (long)g.Count() }).AsEnumerable()
                .Select(g => new Measurement<long>(g.Count, new KeyValuePair<string, object?>("state", g.Key.ToString())))),
            description: "Outbox messages by state; pending is the outbox depth");
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    // Read at each scrape; a database that does not answer yields no figures rather than a failed scrape.
    static List<Measurement<long>> Count(IServiceProvider services, Func<DpoDeskDbContext, IEnumerable<Measurement<long>>> query)
    {
        try
        {
            using var scope = services.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<DpoDeskDbContext>()).ToList();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException)
        {
            return [];
        }
    }
}
