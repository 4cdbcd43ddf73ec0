using DpoDesk.Notifications;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Workers;

/// <summary>Sends the outbox: right away when woken, and each message again when its retry is due.</summary>
sealed partial class OutboxWorker(IServiceProvider services, WorkSignals signals, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                // A fresh unit of work per batch: a long burst must not pile up tracked entities.
                while (await DispatchBatchAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                }
                using var scope = services.CreateScope();
                if (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().NextDueAsync(stoppingToken).ConfigureAwait(false) is { } next)
                {
                    var untilNext = next - time.GetUtcNow().UtcDateTime;
                    wait = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < wait ? untilNext : wait;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try
            {
                await signals.Outbox.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(20, ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "The outbox worker failed; retrying")]
    static partial void LogFailed(ILogger logger, Exception exception);
}

public static class WorkerRegistration
{
    public static IHostApplicationBuilder AddWorkers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<RequestWorker>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddHostedService<MailboxWorker>();
        return builder;
    }
}
