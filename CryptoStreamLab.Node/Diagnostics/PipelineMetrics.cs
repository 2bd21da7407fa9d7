using System.Diagnostics;
using System.Diagnostics.Metrics;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;

namespace CryptoStreamLab.Node.Diagnostics;

/// <summary>
/// The pipeline's System.Diagnostics.Metrics instruments, under the meter "CryptoStreamLab", for dotnet-counters and
/// OpenTelemetry. Counts are observed from the <see cref="KafkaStatus"/> and <see cref="MarketDataStatus"/> counters
/// the pipeline keeps anyway, so reading them costs the hot path nothing; latencies, ledger batch sizes and dashboard
/// renders are recorded as they happen, without tags, so recording allocates nothing.
/// </summary>
/// <remarks>
/// The stage histograms (<c>cryptostreamlab.stage.*</c>, ms) split a candle's way through the node: consumed → applied
/// (the consumer's receipt to the stream state's return), applied → ledger committed, applied → state published (a state
/// message's production to the broker's acknowledgement), state → replica (the message's timestamp to the replica's update,
/// on every node that reads the state topic, once restored) and applied → rendered (a stream's last change to the dashboard
/// render that shows it).
/// </remarks>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "CryptoStreamLab";
    public const string ConsumedToApplied = "cryptostreamlab.stage.consumed_to_applied";
    public const string AppliedToLedger = "cryptostreamlab.stage.applied_to_ledger";
    public const string AppliedToStatePublished = "cryptostreamlab.stage.applied_to_state_published";
    public const string StateToReplica = "cryptostreamlab.stage.state_to_replica";
    public const string AppliedToRendered = "cryptostreamlab.stage.applied_to_rendered";

    // Explicit boundaries (ms) so exporters keep resolution where a live candle's latency lives: 1 ms to 10 s.
    private static readonly IReadOnlyList<double> LatencyBuckets =
        [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1_000, 2_500, 5_000, 10_000];

    // A stage inside the process takes microseconds (applying a candle) to seconds (a locked ledger): 10 µs to 10 s.
    private static readonly IReadOnlyList<double> StageBuckets =
        [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

    private static readonly IReadOnlyList<long> BatchBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 50_000];

    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _consumedToApplied, _appliedToLedger, _appliedToStatePublished, _stateToReplica, _appliedToRendered;
    private readonly Histogram<long> _ledgerBatch;
    private readonly Counter<long> _renders;
    private readonly TimeProvider _clock;
    private readonly KafkaStatus _kafka;

    public PipelineMetrics(IMeterFactory meterFactory, KafkaStatus kafka, MarketDataStatus marketData, TimeProvider clock)
    {
        _clock = clock;
        _kafka = kafka;
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
        Meter.CreateObservableCounter("cryptostreamlab.state.published", () => kafka.Snapshot().StatePublished, "{message}",
            "Messages of this node's streams (and its heartbeats) delivered to the state topic");
        Meter.CreateObservableCounter("cryptostreamlab.state.applied", () => kafka.Snapshot().StateApplied, "{message}",
            "Stream changes read from the state topic and applied to this node's replicas");
        Meter.CreateObservableCounter("cryptostreamlab.source.messages", () => marketData.Messages, "{message}",
            "Messages received from the market-data source");
        Meter.CreateObservableCounter("cryptostreamlab.source.reconnects", () => marketData.Reconnects, "{reconnect}",
            "Reconnections of the market-data feed");
        Meter.CreateObservableCounter("cryptostreamlab.source.malformed", () => marketData.Malformed, "{message}",
            "Malformed frames or rows from the market-data source, skipped");
        _latency = Meter.CreateHistogram("cryptostreamlab.pipeline.latency", "ms",
            "From a kline update's event time (its publication for Replay and Synthetic, Binance's event time live) to its " +
            "application to the stream state", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _consumedToApplied = Stage(ConsumedToApplied, "From the consumer's receipt of a kline update to the stream state's return");
        _appliedToLedger = Stage(AppliedToLedger, "From a closed candle's ledger entry being queued to its transaction's commit");
        _appliedToStatePublished = Stage(AppliedToStatePublished, "From a state message's production to the broker's acknowledgement");
        _stateToReplica = Stage(StateToReplica, "From a state message's production (its timestamp) to this node's replica being updated");
        _appliedToRendered = Stage(AppliedToRendered, "From a stream's last change to the dashboard render that shows it");
        _ledgerBatch = Meter.CreateHistogram("cryptostreamlab.ledger.batch_size", "{entry}", "Ledger entries per committed transaction",
            tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchBuckets });
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

    /// <summary>The consumer applied a candle it received at <paramref name="receivedAt"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void RecordConsumedToApplied(long receivedAt) => RecordSince(_consumedToApplied, receivedAt);

    /// <summary>
    /// The ledger committed a transaction of <paramref name="entries"/> entries, the oldest queued at <paramref name="oldestQueuedAt"/>
    /// (<see cref="Stopwatch.GetTimestamp"/>; 0 when unknown: the size is still recorded).
    /// </summary>
    public void RecordLedgerCommitted(int entries, long oldestQueuedAt)
    {
        if (entries <= 0) return;
        _ledgerBatch.Record(entries);
        RecordSince(_appliedToLedger, oldestQueuedAt);
    }

    /// <summary>The broker acknowledged a state message produced at <paramref name="producedAt"/> (<see cref="Stopwatch.GetTimestamp"/>; 0 = unknown).</summary>
    public void RecordStatePublished(long producedAt) => RecordSince(_appliedToStatePublished, producedAt);

    /// <summary>
    /// A replica applied a state message produced at <paramref name="producedAtMs"/> (epoch ms, the message's timestamp). Not
    /// while the node restores: a retained message read at start is old news, not a latency.
    /// </summary>
    public void RecordStateReplicated(long producedAtMs)
    {
        if (!_kafka.Restoring) RecordSinceEpoch(_stateToReplica, producedAtMs);
    }

    /// <summary>A dashboard component rendered the change its stream made at <paramref name="changedAt"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void RecordRendered(long changedAt) => RecordSince(_appliedToRendered, changedAt);

    /// <summary>For the dashboard: call once per component render.</summary>
    public void RecordRender() => _renders.Add(1);

    public void Dispose() => Meter.Dispose();

    private Histogram<double> Stage(string name, string description) =>
        Meter.CreateHistogram(name, "ms", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBuckets });

    private static void RecordSince(Histogram<double> stage, long startedAt)
    {
        if (startedAt != 0 && stage.Enabled) stage.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
    }

    // Kafka's timestamps are the wall clock's (the producing machine's), to the millisecond, so this is too: never a test clock.
    private static void RecordSinceEpoch(Histogram<double> stage, long startedAtMs)
    {
        if (startedAtMs <= 0 || !stage.Enabled) return;
        var elapsed = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - startedAtMs;
        // Another node's clock ahead of this one's would give a negative time; it is not a measurement.
        if (elapsed >= 0) stage.Record(elapsed);
    }
}
