using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>The "CryptoStreamLab" meter reports what the pipeline really did, as a dotnet-counters or OpenTelemetry listener sees it.</summary>
public sealed class PipelineMetricsTests
{
    [Fact]
    public async Task The_meter_reports_counts_latency_and_renders_of_a_running_app()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>
        {
            ["MarketData:Synthetic:UpdatesPerSecond"] = "20",
        });
        var metrics = app.Services.GetRequiredService<PipelineMetrics>();
        var longs = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentQueue<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this app's meter: other tests' hosts in the same process have their own.
                if (instrument.Meter == metrics.Meter) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            // Observable counters report totals; the render counter reports increments.
            if (instrument is ObservableCounter<long> or ObservableGauge<long>) longs[instrument.Name] = value;
            else longs.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "cryptostreamlab.pipeline.latency") latencies.Enqueue(value);
        });
        listener.Start();

        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20),
            () => "the consumer never joined");

        var candles = TestCandles.Interleaved(["BTCUSDT", "ETHUSDT"], 25);
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in candles) await publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        using (var raw = RawTopic.Producer(status.Snapshot().BootstrapServers))
        {
            raw.Produce("StreamQuant", new Message<string?, byte[]?> { Key = "BTCUSDT", Value = Encoding.UTF8.GetBytes("{\"timestamp\":") });
            raw.Flush(TimeSpan.FromSeconds(10));
        }
        await Eventually.WaitAsync(() => status.Snapshot() is { DeadLettered: 1 } s && s.Applied >= candles.Count, TimeSpan.FromSeconds(20),
            () => $"applied {status.Snapshot().Applied}, dead-lettered {status.Snapshot().DeadLettered}");
        await Eventually.WaitAsync(() => status.Snapshot().Produced >= candles.Count, TimeSpan.FromSeconds(10), () => "deliveries not confirmed");
        var source = app.Services.GetRequiredService<MarketDataStatus>();
        await Eventually.WaitAsync(() => source.Messages > 0, TimeSpan.FromSeconds(10), () => "the synthetic feed never published");
        metrics.RecordRender();
        metrics.RecordRender();

        // The synthetic feed keeps running, so each observed total must lie between readings taken just before and after.
        var before = status.Snapshot();
        var sourceBefore = source.Snapshot();
        listener.RecordObservableInstruments();
        var after = status.Snapshot();
        var sourceAfter = source.Snapshot();
        before.Produced.Should().BeGreaterThanOrEqualTo(candles.Count);
        before.Consumed.Should().BeGreaterThanOrEqualTo(before.Applied + 1, "the bad message was consumed too");
        longs["cryptostreamlab.candles.produced"].Should().BeInRange(before.Produced, after.Produced);
        longs["cryptostreamlab.candles.consumed"].Should().BeInRange(before.Consumed, after.Consumed);
        longs["cryptostreamlab.candles.applied"].Should().BeInRange(before.Applied, after.Applied);
        longs["cryptostreamlab.candles.dead_lettered"].Should().Be(1);
        longs["cryptostreamlab.candles.produce_errors"].Should().Be(0);
        longs["cryptostreamlab.source.messages"].Should().BeGreaterThan(0).And.BeInRange(sourceBefore.Messages, sourceAfter.Messages);
        longs["cryptostreamlab.source.reconnects"].Should().Be(0);
        longs["cryptostreamlab.source.malformed"].Should().Be(0);
        longs.Should().ContainKey("cryptostreamlab.kafka.lag");
        longs["cryptostreamlab.dashboard.renders"].Should().Be(2);

        // One latency per applied candle that carried an event time: ours and the synthetic feed's.
        latencies.Count.Should().BeGreaterThanOrEqualTo(candles.Count);
        latencies.Should().OnlyContain(ms => ms >= 0 && ms < 30_000);
    }

    [Fact]
    public async Task Every_stage_of_a_running_app_is_measured()
    {
        await using var app = new InProcessApp(new Dictionary<string, string?>());
        var metrics = app.Services.GetRequiredService<PipelineMetrics>();
        var stages = new ConcurrentDictionary<string, ConcurrentQueue<double>>();
        var batches = new ConcurrentQueue<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == metrics.Meter) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            tags.Length.Should().Be(0, "stages are recorded without tags");
            stages.GetOrAdd(instrument.Name, _ => new ConcurrentQueue<double>()).Enqueue(value);
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "cryptostreamlab.ledger.batch_size") batches.Enqueue(value);
        });
        listener.Start();

        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20),
            () => "the consumer never joined");
        var consumedBefore = Count(PipelineMetrics.ConsumedToApplied);

        // Closed candles: each is applied, published to the state topic and written to the ledger; another engine's changes
        // (the app skips its own on the state topic) reach this node's replicas.
        var candles = TestCandles.Interleaved(["BTCUSDT", "ETHUSDT"], 25);
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in candles) await publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        using var another = new AnotherEngine(app.Services, new StreamKey("SOLUSDT", KlineInterval.OneMinute));
        another.Apply(TestCandles.Interleaved(["SOLUSDT"], candles.Count));

        await Eventually.WaitAsync(() =>
                Count(PipelineMetrics.ConsumedToApplied) >= consumedBefore + candles.Count &&
                Count(PipelineMetrics.AppliedToStatePublished) >= candles.Count &&
                Count(PipelineMetrics.StateToReplica) >= candles.Count &&
                Count(PipelineMetrics.AppliedToLedger) > 0,
            TimeSpan.FromSeconds(30),
            () => string.Join(", ", stages.Select(s => $"{s.Key}: {s.Value.Count}")) + $"; ledger batches {batches.Count}");

        stages.Values.SelectMany(values => values).Should().OnlyContain(ms => ms >= 0 && ms < 30_000);
        batches.Should().NotBeEmpty().And.OnlyContain(entries => entries > 0);
        batches.Sum().Should().BeGreaterThanOrEqualTo(candles.Count, "every closed candle's entry is committed, in batches");
        Count(PipelineMetrics.AppliedToLedger).Should().Be(batches.Count, "one latency per committed transaction");

        int Count(string stage) => stages.TryGetValue(stage, out var values) ? values.Count : 0;
    }

    [Fact]
    public void Recording_stage_latencies_allocates_nothing_with_OpenTelemetry_aggregating_them()
    {
        using var meterFactory = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new PipelineMetrics(meterFactory.GetRequiredService<IMeterFactory>(), new KafkaStatus(new CryptoStreamLab.Node.Streams.RestorePhase()),
            new MarketDataStatus(), TimeProvider.System);
        var exporter = new CountingExporter();
        // Only this meter: other tests' hosts in the same process have meters of the same name.
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(PipelineMetrics.MeterName)
                   .AddView(instrument => instrument.Meter == metrics.Meter ? null : MetricStreamConfiguration.Drop)
                   .AddReader(new BaseExportingMetricReader(exporter)).Build())
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var producedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            void RecordAll()
            {
                metrics.RecordConsumedToApplied(started);
                metrics.RecordLedgerCommitted(3, started);
                metrics.RecordStatePublished(started);
                metrics.RecordStateReplicated(producedAtMs);
                metrics.RecordRendered(started);
            }
            RecordAll();

            var allocated = Allocations.ThreePasses((from, to) =>
            {
                for (var i = from; i < to; i++) RecordAll();
            }, 0, 3_000);

            allocated.Min().Should().Be(0);
            provider.ForceFlush().Should().BeTrue();
        }

        exporter.Counts.Should().Contain(new KeyValuePair<string, long>(PipelineMetrics.ConsumedToApplied, 3_001))
            .And.Contain(new KeyValuePair<string, long>(PipelineMetrics.AppliedToLedger, 3_001))
            .And.Contain(new KeyValuePair<string, long>(PipelineMetrics.AppliedToStatePublished, 3_001))
            .And.Contain(new KeyValuePair<string, long>(PipelineMetrics.StateToReplica, 3_001))
            .And.Contain(new KeyValuePair<string, long>(PipelineMetrics.AppliedToRendered, 3_001))
            .And.Contain(new KeyValuePair<string, long>("cryptostreamlab.ledger.batch_size", 3_001));
    }

    /// <summary>Keeps each histogram's count, as an OpenTelemetry exporter sees it.</summary>
    private sealed class CountingExporter : BaseExporter<Metric>
    {
        public Dictionary<string, long> Counts { get; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                if (metric.MetricType is not MetricType.Histogram) continue;
                foreach (ref readonly var point in metric.GetMetricPoints()) Counts[metric.Name] = point.GetHistogramCount();
            }
            return ExportResult.Success;
        }
    }

    [Fact]
    public void Recording_an_applied_candle_allocates_nothing()
    {
        using var meterFactory = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new PipelineMetrics(meterFactory.GetRequiredService<IMeterFactory>(), new KafkaStatus(new CryptoStreamLab.Node.Streams.RestorePhase()), new MarketDataStatus(),
            TimeProvider.System);
        long recorded = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == metrics.Meter) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => recorded++);
        listener.Start();
        var eventTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        metrics.RecordApplied(eventTime);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++) metrics.RecordApplied(eventTime);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        recorded.Should().Be(1_001);
        allocated.Should().Be(0);
    }
}
