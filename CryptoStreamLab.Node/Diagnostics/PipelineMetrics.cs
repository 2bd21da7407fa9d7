using System.Diagnostics.Metrics;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;

namespace CryptoStreamLab.Node.Diagnostics;

/// <summary>
/// The pipeline's System.Diagnostics.Metrics instruments, under the meter "CryptoStreamLab", for dotnet-counters and
/// OpenTelemetry. Counts are observed from the <see cref="KafkaStatus"/> and <see cref="MarketDataStatus"/> counters
/// the pipeline keeps anyway, so reading them costs the hot path nothing; only the produce→apply latency and the
/// dashboard renders are recorded as they happen.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "CryptoStreamLab";

    // Explicit boundaries (ms) so exporters keep resolution where a live candle's latency lives: 1 ms to 10 s.
    private static readonly IReadOnlyList<double> LatencyBuckets =
        [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1_000, 2_500, 5_000, 10_000];

    private readonly Histogram<double> _latency;
    private readonly Counter<long> _renders;
    private readonly TimeProvider _clock;

    public PipelineMetrics(IMeterFactory meterFactory, KafkaStatus kafka, MarketDataStatus marketData, TimeProvider clock)
    {
        _clock = clock;
        Meter = meterFactory.Create(MeterName);
        Meter.CreateObservableCounter("cryptostreamlab.candles.produced", () => kafka.Snapshot().Produced, "{candle}",
            "Kline updates the broker confirmed");
        Meter.CreateObservableCounter("cryptostreamlab.candles.produce_errors", () => kafka.Snapshot().ProduceErrors, "{candle}",
            "Kline updates the producer gave up on");
        Meter.CreateObservableCounter("cryptostreamlab.candles.consumed", () => kafka.Snapshot().Consumed, "{message}",
            "Messages read from the topic, valid or not");
        Meter.CreateObservableCounter("cryptostreamlab.candles.applied", () => kafka.Snapshot().Applied, "{candle}",
            "Kline updates handed to the stream state");
        Meter.CreateObservableCounter("cryptostreamlab.candles.dead_lettered", () => kafka.Snapshot().DeadLettered, "{message}",
            "Messages rejected and copied to the dead-letter topic");
        Meter.CreateObservableGauge("cryptostreamlab.kafka.lag", () => kafka.Snapshot().Lag, "{message}",
            "Messages on the assigned partitions not yet applied");
        Meter.CreateObservableCounter("cryptostreamlab.source.messages", () => marketData.Messages, "{message}",
            "Messages received from the market-data source");
        Meter.CreateObservableCounter("cryptostreamlab.source.reconnects", () => marketData.Reconnects, "{reconnect}",
            "Reconnections of the market-data feed");
        Meter.CreateObservableCounter("cryptostreamlab.source.malformed", () => marketData.Malformed, "{message}",
            "Malformed frames or rows from the market-data source, skipped");
        _latency = Meter.CreateHistogram("cryptostreamlab.pipeline.latency", "ms",
            "From a kline update's event time (its publication for Replay and Synthetic, Binance's event time live) to its " +
            "application to the stream state", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _renders = Meter.CreateCounter<long>("cryptostreamlab.dashboard.renders", "{render}", "Dashboard component renders");
    }

    /// <summary>The meter, for listeners that must tell this app's instruments from another host's in the same process.</summary>
    public Meter Meter { get; }

    /// <summary>
    /// Called by the consumer right after a candle is applied. <paramref name="eventTime"/> is the epoch-ms time carried in
    /// the message; 0 means none was sent. Allocation-free: no tags, a value type recorded.
    /// </summary>
    public void RecordApplied(long eventTime)
    {
        if (eventTime <= 0 || !_latency.Enabled) return;
        var latency = _clock.GetUtcNow().ToUnixTimeMilliseconds() - eventTime;
        // A source clock ahead of this machine's would give a negative latency; it is not a measurement.
        if (latency >= 0) _latency.Record(latency);
    }

    /// <summary>For the dashboard: call once per component render.</summary>
    public void RecordRender() => _renders.Add(1);

    public void Dispose() => Meter.Dispose();
}
