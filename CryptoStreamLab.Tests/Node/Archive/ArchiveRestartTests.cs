using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Node.Archive;

/// <summary>An engine that starts again begins from the archive's newest candles: history that warms, never trades, never is archived twice.</summary>
public sealed class ArchiveRestartTests : IDisposable
{
    private static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    private static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;
    private static readonly EngineSettings Settings = new(new StrategyOptions(), new TradingOptions(), 1_000);
    private readonly string _root = Directory.CreateTempSubdirectory("archive-restart-").FullName;

    private string ArchiveRoot => Path.Combine(_root, "archive");

    private string LedgerPath => Path.Combine(_root, "ledger", "ledger.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Without_a_source_a_restarted_engine_shows_the_archived_candles_with_their_indicators_and_trades_nothing()
    {
        var first = NewArchive();
        var before = new StreamDirectory([Ltc], Settings, archive: first);
        CsvCandleFeeder.ForSample(before).ApplyClosed(2_500);
        (await first.FlushAsync()).Should().BeTrue();
        var shown = before.Snapshot(Ltc);

        var second = NewArchive();
        var after = new StreamDirectory([Ltc], Settings, archive: second);

        var snapshot = after.Snapshot(Ltc);
        snapshot.Candles.Should().Equal(Sample.Skip(1_500).Take(1_000), "the buffer holds the newest archived candles");
        snapshot.Evaluations.Select(e => (e.FastMa, e.SlowMa, e.Rsi)).TakeLast(900)
            .Should().Equal(shown.Evaluations.Select(e => (e.FastMa, e.SlowMa, e.Rsi)).TakeLast(900), "indicators warm up on them");
        snapshot.Fills.Should().BeEmpty("history never trades");
        snapshot.Account.Should().Be(new PaperAccount(Settings.Trading).State);
        second.Status.Pending.Should().Be(0, "nothing archived is archived again");

        CsvCandleFeeder.ForSample(after).ApplyClosed(3_000);
        second.Status.Pending.Should().Be(500, "only the candles after the archive's newest are new");
        (await second.FlushAsync()).Should().BeTrue();
        (await second.Reader.ReadAsync(Ltc, long.MinValue, long.MaxValue)).Should().Equal(Sample, "every candle once");
    }

    [Fact]
    public async Task The_unflushed_tail_of_a_killed_process_is_archived_when_the_source_delivers_it_again_and_trades_are_not_repeated()
    {
        var uninterrupted = new StreamDirectory([Ltc], Settings);
        CsvCandleFeeder.ForSample(uninterrupted).ApplyClosed(3_000);
        var expected = uninterrupted.Snapshot(Ltc);

        using (var ledger = NewLedger())
        {
            var killed = NewArchive();
            var feeder = CsvCandleFeeder.ForSample(new StreamDirectory([Ltc], Settings, ledger, archive: killed));
            feeder.ApplyClosed(1_000);
            (await killed.FlushAsync()).Should().BeTrue();
            // 500 more reach the ledger, but the process dies before the archive's next flush: its queue is lost.
            feeder.ApplyClosed(500);
            killed.Status.Pending.Should().Be(500);
            ledger.Close();
        }

        using (var ledger = NewLedger())
        {
            var restarted = NewArchive();
            var market = new StreamDirectory([Ltc], Settings, ledger, archive: restarted);
            market.Snapshot(Ltc).Candles.Should().Equal(Sample.Take(1_000), "the archive holds the first 1,000");
            // The source backfills from the archive's newest candle on.
            new CsvCandleFeeder(market, Sample.Skip(1_000).ToList()).ApplyClosed(2_000);
            (await restarted.FlushAsync()).Should().BeTrue();

            var snapshot = market.Snapshot(Ltc);
            snapshot.Account.Should().Be(expected.Account, "the 500 candles the ledger held did not trade again");
            snapshot.Fills.Should().Equal(expected.Fills);
            ledger.Close();
        }

        (await NewArchive().Reader.ReadAsync(Ltc, long.MinValue, long.MaxValue)).Should().Equal(Sample, "the lost tail is archived, and nothing twice");
    }

    [Fact]
    public async Task Candles_committed_since_the_last_flush_count_as_archived_when_the_stream_starts_again_on_the_node()
    {
        var archive = NewArchive();
        CsvCandleFeeder.ForSample(new StreamDirectory([Ltc], Settings, archive: archive)).ApplyClosed(300);
        archive.Status.Pending.Should().Be(300);

        archive.Newest(Ltc, 1_000).Should().Equal(Sample.Take(300));
        archive.Newest(Ltc, 100).Should().Equal(Sample.Skip(200).Take(100));
        new StreamDirectory([Ltc], Settings, archive: archive).Snapshot(Ltc).Candles.Should().HaveCount(300);
        (await archive.FlushAsync()).Should().BeTrue();
        archive.Status.CandlesWritten.Should().Be(300);
    }

    private CandleArchive NewArchive() => new(ArchiveRoot, enabled: true, NullLogger<CandleArchive>.Instance);

    private LedgerRecorder NewLedger() => new(LedgerPath, NullLogger<LedgerRecorder>.Instance);
}
