using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Archive;

/// <summary>
/// Writes the archive's waiting candles every <see cref="ArchiveOptions.FlushInterval"/> (sooner when a batch is waiting,
/// and every few seconds while the folder cannot be written), and once more on a graceful stop.
/// </summary>
public sealed class ArchiveFlushService(CandleArchive archive, IOptions<ArchiveOptions> options) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!archive.Enabled) return;
        var interval = options.Value.FlushInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = archive.Status.Writable || interval < RetryInterval ? interval : RetryInterval;
            try
            {
                await archive.WaitForBatchAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await archive.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (archive.Enabled) await archive.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
