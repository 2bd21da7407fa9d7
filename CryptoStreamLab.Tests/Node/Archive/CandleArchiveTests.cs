using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Node.Archive;

public sealed class CandleArchiveTests : IDisposable
{
    private static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    private static readonly StreamKey Eth = new("ETHUSDT", KlineInterval.OneMinute);
    private readonly string _root = Directory.CreateTempSubdirectory("archive-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Closed_candles_applied_through_the_market_state_are_archived_once_and_read_back_equal()
    {
        var archive = NewArchive(_root);
        var market = Market(archive, Ltc);
        var feeder = CsvCandleFeeder.ForSample(market);
        for (var i = 0; i < 50; i++) _ = feeder.NextCandleUpdates(openUpdates: 3).ToList();
        feeder.ApplyClosed(3_000);
        foreach (var candle in CsvCandleFeeder.SampleCandles.Take(100)) market.Apply(candle);

        (await archive.FlushAsync()).Should().BeTrue();

        var stored = await ParquetCandleFile.ReadStreamAsync(_root, Ltc);
        stored.Should().Equal(CsvCandleFeeder.SampleCandles.Select(AsArchived));
        archive.Status.Should().Match<ArchiveStatus>(s => s.Writable && s.CandlesWritten == 3_000 && s.Pending == 0 && s.Files == 3 && s.LastFlush != null);
        Directory.GetDirectories(ArchiveLayout.StreamFolder(_root, Ltc)).Select(Path.GetFileName).Order()
            .Should().Equal(["date=2026-02-01", "date=2026-02-02", "date=2026-02-03"], "the sample's 3,000 minutes span three UTC days");
        TemporaryFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task A_restart_replaying_what_the_ledger_already_holds_archives_only_the_new_candles()
    {
        var ledgerPath = Path.Combine(_root, "ledger", "ledger.db");
        var root = Path.Combine(_root, "archive");
        using (var ledger = new LedgerRecorder(ledgerPath, NullLogger<LedgerRecorder>.Instance))
        {
            var before = NewArchive(root);
            CsvCandleFeeder.ForSample(Market(before, Ltc, ledger)).ApplyClosed(1_000);
            (await before.FlushAsync()).Should().BeTrue();
            ledger.Close();
        }

        using (var ledger = new LedgerRecorder(ledgerPath, NullLogger<LedgerRecorder>.Instance))
        {
            var after = NewArchive(root);
            // The restarted engine rebuilds its buffer from the start of the retained candles, then goes on.
            CsvCandleFeeder.ForSample(Market(after, Ltc, ledger)).ApplyClosed(3_000);
            (await after.FlushAsync()).Should().BeTrue();
            after.Status.CandlesWritten.Should().Be(2_000);
            ledger.Close();
        }

        (await ParquetCandleFile.ReadStreamAsync(root, Ltc)).Should().Equal(CsvCandleFeeder.SampleCandles.Select(AsArchived), "no candle twice");
    }

    [Fact]
    public async Task An_independent_reader_sees_the_same_rows_with_the_partitions_from_the_path()
    {
        var archive = NewArchive(_root);
        var market = Market(archive, Ltc, Eth);
        var eth = CsvCandleFeeder.SampleCandles.Take(700).Select(c => c with { Symbol = Eth.Symbol }).ToList();
        CsvCandleFeeder.ForSample(market).ApplyClosed(3_000);
        new CsvCandleFeeder(market, eth).ApplyClosed(eth.Count);
        (await archive.FlushAsync()).Should().BeTrue();

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var dataset = Path.Combine(_root, "**", "*.parquet").Replace("'", "''");
        Query(connection, $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{dataset}', hive_partitioning = false))",
                r => $"{r.GetString(0)} {r.GetString(1)}")
            .Should().Equal("timestamp BIGINT", "open DOUBLE", "high DOUBLE", "low DOUBLE", "close DOUBLE", "volume DOUBLE",
                "close_time BIGINT", "quote_volume DOUBLE", "trades BIGINT");

        var rows = Query(connection,
            "SELECT symbol, \"interval\", CAST(date AS VARCHAR), timestamp, open, high, low, close, volume, close_time, quote_volume, trades " +
            $"FROM read_parquet('{dataset}', hive_partitioning = true) ORDER BY symbol, timestamp",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7),
                r.GetDouble(8), r.GetInt64(9), r.GetDouble(10), r.GetInt64(11)));

        var expected = eth.Concat(CsvCandleFeeder.SampleCandles).Select(c => (c.Symbol, c.Interval.ToCode(),
            DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime).UtcDateTime.ToString("yyyy-MM-dd"), c.OpenTime, (double)c.Open, (double)c.High,
            (double)c.Low, (double)c.Close, (double)c.Volume, c.CloseTime, (double)c.QuoteVolume, c.TradeCount));
        rows.Should().Equal(expected);
    }

    [Fact]
    public async Task The_service_flushes_on_its_interval_and_what_is_left_on_a_graceful_stop()
    {
        var archive = NewArchive(_root);
        var market = Market(archive, Ltc);
        var feeder = CsvCandleFeeder.ForSample(market);
        var service = new ArchiveFlushService(archive, Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { FlushInterval = TimeSpan.FromMilliseconds(100) }));
        await service.StartAsync(CancellationToken.None);

        feeder.ApplyClosed(1_000);
        await Eventually.WaitAsync(() => archive.Status.CandlesWritten == 1_000, null, () => $"{archive.Status}");

        var slow = NewArchive(Path.Combine(_root, "slow"));
        var slowService = new ArchiveFlushService(slow, Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { FlushInterval = TimeSpan.FromHours(1) }));
        await slowService.StartAsync(CancellationToken.None);
        foreach (var candle in CsvCandleFeeder.SampleCandles.Take(500)) slow.Add(candle);
        slow.Status.Pending.Should().Be(500, "nothing is written before the interval");

        await slowService.StopAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        (await ParquetCandleFile.ReadStreamAsync(slow.Root, Ltc)).Should().HaveCount(500);
        slow.Status.Should().Match<ArchiveStatus>(s => s.Pending == 0 && s.CandlesWritten == 500);
    }

    [Fact]
    public async Task An_unwritable_folder_keeps_the_candles_queued_and_they_are_written_once_it_is_writable()
    {
        var blocker = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(blocker, "a file where the archive folder should be");
        var archive = NewArchive(Path.Combine(blocker, "archive"));
        var market = Market(archive, Ltc);
        var service = new ArchiveFlushService(archive, Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { FlushInterval = TimeSpan.FromMilliseconds(100) }));
        await service.StartAsync(CancellationToken.None);
        try
        {
            CsvCandleFeeder.ForSample(market).ApplyClosed(2_000);
            await Eventually.WaitAsync(() => !archive.Status.Writable, null, () => $"{archive.Status}");

            var health = await new ArchiveHealthCheck(archive).CheckHealthAsync(new());
            health.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
            health.Description.Should().StartWith("Archive writing failed").And.Contain(blocker);
            archive.Status.Should().Match<ArchiveStatus>(s => s.Pending == 2_000 && s.CandlesWritten == 0 && s.Dropped == 0);
            market.Snapshot(Ltc).Candles[^1].OpenTime.Should().Be(CsvCandleFeeder.SampleCandles[1_999].OpenTime, "trading goes on");

            File.Delete(blocker);
            await Eventually.WaitAsync(() => archive.Status.CandlesWritten == 2_000, null, () => $"{archive.Status}");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        archive.Status.Should().Match<ArchiveStatus>(s => s.Writable && s.Pending == 0 && s.LastError == null);
        (await new ArchiveHealthCheck(archive).CheckHealthAsync(new())).Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        (await ParquetCandleFile.ReadStreamAsync(archive.Root, Ltc)).Should().Equal(CsvCandleFeeder.SampleCandles.Take(2_000).Select(AsArchived));
        TemporaryFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task A_full_queue_drops_its_oldest_candles_and_counts_them()
    {
        var archive = NewArchive(_root, capacity: 100);
        foreach (var candle in CsvCandleFeeder.SampleCandles.Take(150)) archive.Add(candle);

        archive.Status.Should().Match<ArchiveStatus>(s => s.Pending == 100 && s.Dropped == 50);
        (await archive.FlushAsync()).Should().BeTrue();
        (await ParquetCandleFile.ReadStreamAsync(_root, Ltc)).Should().Equal(CsvCandleFeeder.SampleCandles.Skip(50).Take(100).Select(AsArchived));
    }

    // The archive stores prices and volumes as DOUBLE (the seed's types) and reads Binance's 8-decimal values back exactly.
    private static Candle AsArchived(Candle c) => c with { IsClosed = true };

    private IEnumerable<string> TemporaryFiles() => Directory.EnumerateFiles(_root, "*" + ParquetCandleFile.TemporaryExtension, SearchOption.AllDirectories);

    private static CandleArchive NewArchive(string root, int capacity = CandleArchive.DefaultCapacity) =>
        new(root, enabled: true, NullLogger<CandleArchive>.Instance, capacity: capacity);

    private static StreamDirectory Market(ICandleArchive archive, params StreamKey[] streams) => Market(archive, streams, ledger: null);

    private static StreamDirectory Market(ICandleArchive archive, StreamKey stream, LedgerRecorder ledger) => Market(archive, [stream], ledger);

    private static StreamDirectory Market(ICandleArchive archive, StreamKey[] streams, LedgerRecorder? ledger) =>
        new(streams, new EngineSettings(new StrategyOptions(), new TradingOptions(), 1_000), ledger, archive: archive);

    private static List<T> Query<T>(DuckDBConnection connection, string sql, Func<System.Data.Common.DbDataReader, T> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }
}
