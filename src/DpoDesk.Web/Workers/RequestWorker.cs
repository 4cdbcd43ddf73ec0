using DpoDesk.Requests;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Workers;

/// <summary>Processes confirmed requests within seconds, and expires the unconfirmed ones.</summary>
sealed partial class RequestWorker(IServiceProvider services, WorkSignals signals, IOptions<RequestOptions> options, ILogger<RequestWorker> logger) : BackgroundService
{
    DateTime _trainingCheckedAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try
            {
                await signals.Requests.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task RunOnceAsync(CancellationToken ct)
    {
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ExpireRequests>().ExecuteAsync(ct).ConfigureAwait(false);
        using (var scope = services.CreateScope())
        {
            // A breach whose 72 hours run out without a decision: the DPOs are reminded once, a day before.
            var db = scope.ServiceProvider.GetRequiredService<Persistence.DpoDeskDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var reminded = await Breaches.BreachRegister.RemindAsync(db, now, TimeSpan.FromHours(24), Office.StaffRoles.Dpo, ct).ConfigureAwait(false);
            // A regulator's letter due within two days and not answered: its lawyer is reminded once.
            reminded += await Regulator.CaseWork.RemindAsync(db, now, 2, ct).ConfigureAwait(false);
            // A licence whose retention has ended: its licensee is asked, once, to delete and attest.
            reminded += await Licensing.LicenceReminders.SendDueAsync(db, now, ct).ConfigureAwait(false);
            // A course that runs out within 30 days, or has: the member of staff is reminded once per due date.
            // Due dates are days, so an hourly look is plenty.
            if (now - _trainingCheckedAt >= TimeSpan.FromHours(1) || now < _trainingCheckedAt)
            {
                var trainingPage = scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value.Link("/office/training");
                reminded += await Training.TrainingDesk.RemindAsync(db, now, trainingPage, ct).ConfigureAwait(false);
                _trainingCheckedAt = now;
            }
            if (reminded > 0)
                signals.Outbox.Wake();
        }

        while (true)
        {
            IReadOnlyList<long> pending;
            using (var scope = services.CreateScope())
                pending = await scope.ServiceProvider.GetRequiredService<ProcessRequest>().PendingAsync(20, ct).ConfigureAwait(false);
            if (pending.Count == 0)
                return;

            foreach (var id in pending)
            {
                // A fresh unit of work per request: one request's failure leaves the others alone.
                using var scope = services.CreateScope();
                try
                {
                    if (await scope.ServiceProvider.GetRequiredService<ProcessRequest>().ExecuteAsync(id, ct).ConfigureAwait(false))
                    {
                        LogProcessed(logger, id);
                        signals.Outbox.Wake();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRequestFailed(logger, id, e);
                    using var failureScope = services.CreateScope();
                    await failureScope.ServiceProvider.GetRequiredService<ProcessRequest>().RecordFailureAsync(id, e.GetType().Name, ct).ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Request {RequestId} processed")]
    static partial void LogProcessed(ILogger logger, long requestId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Processing request {RequestId} failed; it is retried, and after a few failures handed to an operator for review")]
    static partial void LogRequestFailed(ILogger logger, long requestId, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "The request worker failed; retrying")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
