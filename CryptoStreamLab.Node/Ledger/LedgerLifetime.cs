namespace CryptoStreamLab.Node.Ledger;

/// <summary>
/// Opens the ledger when the app starts, so an unusable file is reported at once, and closes it when the app stops.
/// The first part of a node (<see cref="Lifecycle.NodeStage.Ledger"/>), so it stops last, after the consumer has applied its final candle.
/// </summary>
internal sealed class LedgerLifetime(LedgerRecorder ledger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        ledger.Close();
        return Task.CompletedTask;
    }
}
