using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// Fills a broker's candle topic with closed one-minute candles, round-robin over the symbols (a seeded random walk per
/// symbol), through the app's own KafkaKlinePublisher (key = symbol, idempotent, acks=all), and waits until every one is
/// delivered.
/// </summary>
internal static class Prefill
{
    public static async Task<TimeSpan> RunAsync(string broker, IReadOnlyList<string> symbols, int count)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Error));
        services.AddKafkaBackbone(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = broker }).Build());
        await using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<KafkaKlinePublisher>();
        var status = provider.GetRequiredService<KafkaStatus>();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(12345);
        var closes = symbols.Select(_ => 100m).ToArray();
        for (var i = 0; i < count; i++)
        {
            var s = i % symbols.Count;
            var open = LiveFeed.FirstOpenTime + i / symbols.Count * 60_000L;
            var from = closes[s];
            var close = closes[s] = Math.Max(1m, Math.Round(from + (decimal)(random.NextDouble() - 0.5), 2));
            var candle = new Candle(symbols[s], KlineInterval.OneMinute, open, open + 59_999, from, Math.Max(from, close) + 0.25m,
                Math.Min(from, close) - 0.25m, close, 10m, 1_000m, i + 1L, IsClosed: true);
            await publisher.PublishAsync(candle, 0, CancellationToken.None);
        }
        var left = publisher.Flush(TimeSpan.FromMinutes(2));
        var snapshot = status.Snapshot();
        if (left > 0 || snapshot.Produced != count || snapshot.ProduceErrors > 0)
            throw new InvalidOperationException($"prefill: {snapshot.Produced:N0} of {count:N0} delivered, {snapshot.ProduceErrors} errors, {left} queued");
        return clock.Elapsed;
    }
}
