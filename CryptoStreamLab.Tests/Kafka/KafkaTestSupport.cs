using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Kafka;

/// <summary>One embedded broker per test class; each test takes its own topic and group on it.</summary>
public sealed class EmbeddedBrokerFixture : IDisposable
{
    private int _next;

    public EmbeddedKafkaBroker Broker { get; } = new();

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>A fresh topic and the app's topics beside it (dead-letter, state, commands), with three partitions each.</summary>
    public string NewTopic(int partitions = 3)
    {
        var topic = $"candles-{Guid.NewGuid():N}-{Interlocked.Increment(ref _next)}";
        // The embedded broker has no controller, so the app cannot create them itself when attached by address.
        foreach (var name in new KafkaOptions { Topic = topic }.Topics) Broker.CreateTopic(name, partitions);
        return topic;
    }

    public void Dispose() => Broker.Dispose();
}

/// <summary>Stands in for the app's stream state: records every candle it is given, in order.</summary>
public sealed class RecordingSink : ICandleSink
{
    private readonly Lock _lock = new();
    private readonly List<(Candle Candle, bool Restoring)> _applied = [];

    /// <summary>Read at each Apply, to record whether the consumer said it was restoring at that moment.</summary>
    public Func<bool>? RestoringProbe { get; set; }

    /// <summary>Candles this sink throws on, to stand for a bug downstream of the consumer.</summary>
    public Func<Candle, bool>? FailWhen { get; set; }

    /// <summary>What the sink answers for a candle, as the stream state would; Applied when not set.</summary>
    public Func<Candle, CandleApplyOutcome>? Outcome { get; set; }

    public CandleApplyOutcome Apply(in Candle candle, long eventTime = 0, CandleOrigin? origin = null)
    {
        if (FailWhen?.Invoke(candle) == true) throw new InvalidOperationException("sink exploded on " + candle.OpenTime);
        var restoring = RestoringProbe?.Invoke() ?? false;
        lock (_lock) _applied.Add((candle, restoring));
        return Outcome?.Invoke(candle) ?? CandleApplyOutcome.Applied;
    }

    public IReadOnlyList<Candle> Candles
    {
        get { lock (_lock) return _applied.Select(entry => entry.Candle).ToList(); }
    }

    public IReadOnlyList<(Candle Candle, bool Restoring)> Entries
    {
        get { lock (_lock) return _applied.ToList(); }
    }

    public int Count
    {
        get { lock (_lock) return _applied.Count; }
    }

    public Task WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Count >= count, timeout, () => $"sink has {Count} candles, expected {count}");
}

public static class Eventually
{
    public static async Task WaitAsync(Func<bool> condition, TimeSpan? timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Timed out after {limit.TotalSeconds} s: {describe()}");
            await Task.Delay(20);
        }
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public IEnumerable<string> Messages => Entries.Select(entry => entry.Message);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}

/// <summary>The Kafka backbone as the app wires it, with a recording sink in place of the stream state.</summary>
public sealed class KafkaTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;
    private bool _started;

    public KafkaTestHost(IDictionary<string, string?> settings, RecordingSink? sink = null)
    {
        Sink = sink ?? new RecordingSink();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton<ICandleSink>(Sink);
        services.AddKafkaBackbone(configuration);
        _provider = services.BuildServiceProvider();
        _hosted = _provider.GetServices<IHostedService>().ToList();
        Status = _provider.GetRequiredService<KafkaStatus>();
        Restore = _provider.GetRequiredService<RestorePhase>();
        Sink.RestoringProbe ??= () => Status.Restoring;
    }

    /// <summary>A host on the fixture's broker with its own topic and group unless given.</summary>
    public static KafkaTestHost OnBroker(EmbeddedBrokerFixture fixture, string topic, string? group = null, RecordingSink? sink = null) =>
        new(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = fixture.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:GroupId"] = group ?? "group-" + topic,
            // The app shortens these itself on the embedded broker; pointed at it by address, it cannot tell.
            ["Kafka:Client:session.timeout.ms"] = "3000",
            ["Kafka:Client:heartbeat.interval.ms"] = "500",
        }, sink);

    public CapturingLoggerProvider Logs { get; } = new();

    public RecordingSink Sink { get; }

    public KafkaStatus Status { get; }

    public RestorePhase Restore { get; }

    public KafkaKlinePublisher Publisher => _provider.GetRequiredService<KafkaKlinePublisher>();

    public KafkaCluster Cluster => _provider.GetRequiredService<KafkaCluster>();

    public KafkaConsumerService Consumer => _hosted.OfType<KafkaConsumerService>().Single();

    public async Task StartAsync()
    {
        foreach (var service in _hosted) await service.StartAsync(CancellationToken.None);
        _started = true;
        await Eventually.WaitAsync(() => Status.Snapshot().AssignedPartitions > 0, TimeSpan.FromSeconds(15),
            () => "the consumer was never assigned a partition");
    }

    public async Task StopConsumerAsync() => await Consumer.StopAsync(CancellationToken.None);

    public async Task StartConsumerAsync() => await Consumer.StartAsync(CancellationToken.None);

    public async Task PublishAsync(IEnumerable<Candle> candles)
    {
        foreach (var candle in candles) await Publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        Publisher.Flush(TimeSpan.FromSeconds(10)).Should().Be(0, "every candle should reach the broker");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            for (var i = _hosted.Count - 1; i >= 0; i--) await _hosted[i].StopAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
    }
}

public static class Candles
{
    public static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Closed one-minute candles for a symbol, each with a distinct close so order is visible.</summary>
    public static IEnumerable<Candle> Series(string symbol, int count, int firstIndex = 0)
    {
        for (var i = firstIndex; i < firstIndex + count; i++)
        {
            var open = Start.ToUnixTimeMilliseconds() + i * 60_000L;
            var close = 100m + i * 0.25m;
            yield return new Candle(symbol, KlineInterval.OneMinute, open, open + 59_999, close - 0.1m, close + 0.5m,
                close - 0.5m, close, 12.5m + i, 1250.75m + i, 40 + i, IsClosed: true);
        }
    }

    /// <summary>Several symbols' series interleaved, as a live feed would deliver them.</summary>
    public static List<Candle> Interleaved(IReadOnlyList<string> symbols, int perSymbol, int firstIndex = 0)
    {
        var series = symbols.Select(symbol => Series(symbol, perSymbol, firstIndex).ToList()).ToList();
        return Enumerable.Range(0, perSymbol).SelectMany(i => series.Select(list => list[i])).ToList();
    }

    /// <summary>Raw producer for writing values the app's publisher never would.</summary>
    public static IProducer<string?, byte[]?> RawProducer(string bootstrapServers) =>
        new ProducerBuilder<string?, byte[]?>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 0 }).Build();

    /// <summary>Reads a whole topic (all partitions, earliest to the current end) without a consumer group.</summary>
    public static List<ConsumeResult<string?, byte[]?>> ReadAll(string bootstrapServers, string topic, int partitions = 3)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var results = new List<ConsumeResult<string?, byte[]?>>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var tp = new TopicPartition(topic, partition);
            var high = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value;
            if (high <= 0) continue;
            consumer.Assign(new TopicPartitionOffset(tp, Offset.Beginning));
            while (true)
            {
                var result = consumer.Consume(TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"{topic}[{partition}] stalled");
                results.Add(result);
                if (result.Offset.Value + 1 >= high) break;
            }
        }
        return results;
    }
}
