using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Strategies;

namespace CryptoStreamLab.Tests.Fakes;

/// <summary>
/// Stands in for the Kafka consumer: applies real LTCUSDT 1-minute candles from the test data straight to
/// <see cref="StreamDirectory"/>, each candle as a few still-open updates (so the open candle moves) and then closed.
/// </summary>
public sealed class CsvCandleFeeder(StreamDirectory state, IReadOnlyList<Candle> candles)
{
    public static readonly StreamKey Stream = new("LTCUSDT", KlineInterval.OneMinute);

    private static readonly Lazy<IReadOnlyList<Candle>> Sample = new(() =>
        KlineCsvReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "TestData", "LTCUSDT-1m-2026-02-first3000.csv.gz"),
            Stream.Symbol, Stream.Interval).ToArray());

    private int _next;

    /// <summary>3,000 closed candles from February 2026.</summary>
    public static IReadOnlyList<Candle> SampleCandles => Sample.Value;

    public static StreamDirectory NewStreamDirectory(params StreamKey[] streams) => NewStreamDirectory(new RestorePhase(), streams);

    public static StreamDirectory NewStreamDirectory(RestorePhase restore, params StreamKey[] streams) =>
        new(streams.Length == 0 ? [Stream] : streams, new EngineSettings(new StrategyOptions(), new TradingOptions(), 1_000), restore: restore);

    /// <summary>A directory running <paramref name="lineup"/>'s strategies on <paramref name="streams"/> (the sample's stream when none).</summary>
    public static StreamDirectory NewStreamDirectory(RestorePhase restore, StrategyLineup lineup, params StreamKey[] streams) =>
        new(streams.Length == 0 ? [Stream] : streams, new EngineSettings(new StrategyOptions(), new TradingOptions(), 1_000), restore: restore,
            lineup: lineup);

    public static CsvCandleFeeder ForSample(StreamDirectory state) => new(state, SampleCandles);

    public bool Exhausted => _next >= candles.Count;

    /// <summary>Applies the next <paramref name="count"/> candles closed, as a restore would.</summary>
    public void ApplyClosed(int count)
    {
        for (var i = 0; i < count && !Exhausted; i++) state.Apply(candles[_next++]);
    }

    /// <summary>Applies the next candle as <paramref name="openUpdates"/> open updates walking from its open to its close, then closed.</summary>
    public IEnumerable<Candle> NextCandleUpdates(int openUpdates)
    {
        if (Exhausted) yield break;
        var candle = candles[_next++];
        for (var step = 1; step <= openUpdates; step++)
        {
            var close = decimal.Round(candle.Open + (candle.Close - candle.Open) * step / (openUpdates + 1), 8);
            var open = candle with
            {
                Close = close,
                High = Math.Max(candle.Open, close),
                Low = Math.Min(candle.Open, close),
                Volume = candle.Volume * step / (openUpdates + 1),
                QuoteVolume = candle.QuoteVolume * step / (openUpdates + 1),
                IsClosed = false,
            };
            state.Apply(open);
            yield return open;
        }

        state.Apply(candle);
        yield return candle;
    }

    /// <summary>Feeds updates at a steady pace until cancelled or out of candles.</summary>
    public async Task RunAsync(TimeSpan perUpdate, int openUpdates, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(perUpdate);
        while (!Exhausted && !cancellation.IsCancellationRequested)
        {
            foreach (var _ in NextCandleUpdates(openUpdates))
            {
                if (!await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false)) return;
            }
        }
    }
}
