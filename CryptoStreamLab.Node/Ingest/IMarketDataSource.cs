namespace CryptoStreamLab.Node.Ingest;

/// <summary>One way of producing klines. Runs until cancelled, handling its own failures; writes only through <see cref="IKlinePublisher"/>.</summary>
public interface IMarketDataSource
{
    MarketDataSourceKind Kind { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
