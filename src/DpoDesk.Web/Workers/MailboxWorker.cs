using DpoDesk.Inquiries;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Workers;

/// <summary>Reads the DPO's mailbox on a schedule (and at once when the office asks); idle when no mailbox is set.</summary>
sealed partial class MailboxWorker(IServiceProvider services, WorkSignals signals, IOptions<ImapOptions> options, ILogger<MailboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = services.CreateScope();
                var stored = await scope.ServiceProvider.GetRequiredService<ReadMailbox>().ExecuteAsync(stoppingToken).ConfigureAwait(false);
                if (stored > 0)
                    LogRead(logger, stored);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The mail server away is not an emergency: the messages wait in the mailbox for the next round.
                LogFailed(logger, e);
            }
            try
            {
                await signals.Mailbox.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Read {Count} new message(s) from the DPO mailbox")]
    static partial void LogRead(ILogger logger, int count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Reading the DPO mailbox failed; trying again at the next round")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
