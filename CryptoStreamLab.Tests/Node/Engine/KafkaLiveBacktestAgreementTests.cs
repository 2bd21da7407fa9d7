using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoStreamLab.Tests.Node.Engine;

/// <summary>
/// The whole live path: kline updates published to a Kafka topic on the embedded broker, consumed by the
/// app's consumer into the stream state; the fills it recorded equal a backtest over the candles it applied.
/// </summary>
public sealed class KafkaLiveBacktestAgreementTests(EmbeddedBrokerFixture fixture) : IClassFixture<EmbeddedBrokerFixture>
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);

    private static readonly EngineSettings Settings = new(
        new StrategyOptions { FastPeriod = 5, SlowPeriod = 20, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 10 },
        new TradingOptions { StopLossPct = 0.003m, TakeProfitPct = 0.006m },
        BufferCapacity: 5_000);

    [Fact]
    public async Task Fills_recorded_through_kafka_equal_a_backtest_of_the_applied_candles()
    {
        var market = new StreamDirectory([Avax], Settings);
        var candles = TestCandles.Avax().Take(1_500).ToList();
        var topic = fixture.NewTopic();
        await using var provider = Host(market, topic);
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted) await service.StartAsync(CancellationToken.None);
        try
        {
            var status = provider.GetRequiredService<KafkaStatus>();
            await Eventually.WaitAsync(() => status.Snapshot().AssignedPartitions > 0, TimeSpan.FromSeconds(30), () => "no partition assigned");

            var publisher = provider.GetRequiredService<KafkaKlinePublisher>();
            foreach (var update in FeedUpdates(candles)) await publisher.PublishAsync(update, update.CloseTime, CancellationToken.None);
            publisher.Flush(TimeSpan.FromSeconds(10)).Should().Be(0, "every update should reach the broker");
            await Eventually.WaitAsync(() => market.Snapshot(Avax).Candles is { } held && held.Count == candles.Count && held[^1].IsClosed,
                TimeSpan.FromSeconds(60), () => $"the stream holds {market.Snapshot(Avax).Candles.Count} of {candles.Count} candles");
        }
        finally
        {
            for (var i = hosted.Count - 1; i >= 0; i--) await hosted[i].StopAsync(CancellationToken.None);
        }

        var live = market.Snapshot(Avax);
        live.Fills.Should().HaveCountGreaterThan(10, "the comparison needs trades to compare");
        live.Candles.Should().Equal(candles, "the consumer applied every final update, in order");

        var backtest = Backtester.Run(Avax, Settings, live.Candles);

        backtest.Fills.Should().Equal(live.Fills);
        BacktestStatistics.Compute(live.Evaluations, Avax.Interval, Settings.Trading).Should().Be(backtest.Statistics);
    }

    /// <summary>Per candle: a first tick while open, the final values while open, then the closing update.</summary>
    private static IEnumerable<Candle> FeedUpdates(IEnumerable<Candle> candles)
    {
        foreach (var candle in candles)
        {
            yield return candle with { High = candle.Open, Low = candle.Open, Close = candle.Open, Volume = 0, QuoteVolume = 0, TradeCount = 1, IsClosed = false };
            yield return candle with { IsClosed = false };
            yield return candle;
        }
    }

    private ServiceProvider Host(StreamDirectory market, string topic)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = fixture.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:GroupId"] = "group-" + topic,
            ["Kafka:Client:session.timeout.ms"] = "3000",
            ["Kafka:Client:heartbeat.interval.ms"] = "500",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ICandleSink>(market);
        services.AddKafkaBackbone(configuration);
        return services.BuildServiceProvider();
    }
}
