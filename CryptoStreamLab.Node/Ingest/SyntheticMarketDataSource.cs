using CryptoStreamLab.Core.Market;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>
/// Random-walk candles for SymbolCount symbols (SYN001USDT…) at every configured interval, at UpdatesPerSecond
/// updates in total, on the wall clock: when an interval rolls over the finished candle is published closed
/// and a new one opens at its close. For load tests; the prices mean nothing.
/// </summary>
public sealed class SyntheticMarketDataSource(
    IKlinePublisher publisher,
    MarketDataStatus status,
    IOptionsMonitor<MarketDataOptions> options,
    TimeProvider timeProvider) : IMarketDataSource
{
    /// <summary>How often the pacing loop wakes; each wake publishes what the rate allows since the start.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public MarketDataSourceKind Kind => MarketDataSourceKind.Synthetic;

    public static string SymbolName(int index) => $"SYN{index:D3}USDT";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var intervals = o.Streams().Select(s => s.Interval).Distinct().ToList();
        var random = new Random();
        var walks = (from i in Enumerable.Range(1, o.Synthetic.SymbolCount)
                     from interval in intervals
                     select new Walk(SymbolName(i), interval, 100m + i)).ToArray();
        status.SetSource("Synthetic");
        status.SetConnected(true);
        status.SetState($"generating {walks.Length} stream(s) at {o.Synthetic.UpdatesPerSecond}/s");

        var start = timeProvider.GetTimestamp();
        long sent = 0;
        var next = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = (long)(timeProvider.GetElapsedTime(start).TotalSeconds * o.Synthetic.UpdatesPerSecond);
                for (; sent < due; sent++)
                {
                    var walk = walks[next];
                    next = (next + 1) % walks.Length;
                    var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
                    if (walk.Current is { } open && now > open.CloseTime)
                    {
                        await Publish(open.AsClosed(), now, cancellationToken);
                        walk.Current = null;
                    }
                    await Publish(walk.Step(now, random), now, cancellationToken);
                }
                await Task.Delay(Tick, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of this source.
        }
        finally
        {
            status.SetConnected(false);
            status.SetState("stopped");
        }
    }

    private async ValueTask Publish(Candle candle, long eventTime, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(candle, eventTime, cancellationToken);
        status.RecordMessage();
        status.RecordPublished();
    }

    private sealed class Walk(string symbol, KlineInterval interval, decimal price)
    {
        public Candle? Current { get; set; }

        /// <summary>Moves the price by up to ±0.1 % and folds it into the open candle, opening one if needed.</summary>
        public Candle Step(long now, Random random)
        {
            price = Math.Max(0.0001m, Math.Round(price * (1m + (decimal)(random.NextDouble() - 0.5) * 0.002m), 4));
            var volume = Math.Round((decimal)random.NextDouble() * 10m, 4);
            if (Current is not { } c)
            {
                var openTime = interval.OpenTimeAt(now);
                c = new Candle(symbol, interval, openTime, interval.CloseTime(openTime), price, price, price, price, 0m, 0m, 0, false);
            }
            c = c with
            {
                High = Math.Max(c.High, price),
                Low = Math.Min(c.Low, price),
                Close = price,
                Volume = c.Volume + volume,
                QuoteVolume = c.QuoteVolume + Math.Round(volume * price, 8),
                TradeCount = c.TradeCount + 1,
            };
            Current = c;
            return c;
        }
    }
}
