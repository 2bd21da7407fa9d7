using System.Diagnostics;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class ReplayMarketDataSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Three 1-minute candles in data.binance.vision's spot layout (no header, ms).</summary>
    private string ThreeCandles() => WriteFile("ETHUSDT-1m-test.csv",
        "1699999980000,100.0,110.0,95.0,105.0,10.0,1700000039999,1000.0,7,0,0,0",
        "1700000040000,105.0,106.0,101.0,102.0,4.0,1700000099999,400.0,3,0,0,0",
        "1700000100000,102.0,102.5,99.5,100.5,2.0,1700000159999,200.0,2,0,0,0");

    private static Dictionary<string, string?> Settings(string? file, double speed, int updates, bool loop, string backfill = "00:00:00")
    {
        var settings = new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Backfill"] = backfill,
            ["MarketData:Replay:Speed"] = speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MarketData:Replay:UpdatesPerCandle"] = updates.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MarketData:Replay:Loop"] = loop ? "true" : "false",
        };
        if (file is not null) settings["MarketData:Replay:Files:0"] = file;
        return settings;
    }

    [Fact]
    public async Task The_shipped_sample_plays_without_any_external_data()
    {
        await using var harness = new MarketDataHarness(Settings(null, speed: 0, updates: 2, loop: false));

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Running!.WaitAsync(TimeSpan.FromSeconds(20));

        var closed = harness.Publisher.ClosedCandles;
        closed.Where(c => c.Symbol == "BTCUSDT").Should().HaveCount(2880);
        closed.Where(c => c.Symbol == "LTCUSDT").Should().HaveCount(2880);
        closed.First(c => c.Symbol == "BTCUSDT").Should().Be(new Candle("BTCUSDT", KlineInterval.OneMinute,
            new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            new DateTimeOffset(2023, 3, 1, 0, 0, 59, 999, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            23140.48m, 23150.77m, 23128.52m, 23142.31m, 2.131777m, 0m, 0, true));
        closed.First(c => c.Symbol == "LTCUSDT").Should().Be(new Candle("LTCUSDT", KlineInterval.OneMinute,
            1769904000000, 1769904059999, 59.49m, 59.49m, 59.42m, 59.45m, 1554.932m, 92449.80017m, 442, true));
        harness.Publisher.Candles.Should().HaveCount(4 * 2880, "one open update and the close per candle");
        var status = harness.Status.Snapshot();
        status.Published.Should().Be(4 * 2880);
        status.State.Should().Be("finished");
        status.LastError.Should().BeNull();
    }

    [Fact]
    public async Task Open_updates_converge_to_each_real_candle_and_stay_valid()
    {
        await using var harness = new MarketDataHarness(Settings(ThreeCandles(), speed: 0, updates: 4, loop: false));

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Running!.WaitAsync(TimeSpan.FromSeconds(10));

        var updates = harness.Publisher.Candles;
        updates.Should().HaveCount(12);
        foreach (var candle in updates.Chunk(4))
        {
            var final = candle[3];
            final.IsClosed.Should().BeTrue();
            candle[..3].Should().OnlyContain(u => !u.IsClosed && u.Validate() == null && u.OpenTime == final.OpenTime && u.Open == final.Open
                                                  && u.High <= final.High && u.Low >= final.Low);
            candle.Select(u => u.Volume).Should().BeInAscendingOrder();
            candle.Select(u => u.High).Should().BeInAscendingOrder();
            candle.Select(u => u.Low).Should().BeInDescendingOrder();
        }
        updates[1].Should().Be(updates[3] with { IsClosed = false, High = 105m, Low = 97.5m, Close = 102.5m, Volume = 5.0m, QuoteVolume = 500.0m, TradeCount = 3 },
            "halfway through candle 1 the close is halfway from open to close and the range half grown");
    }

    [Fact]
    public async Task A_looping_replay_that_reaches_the_present_waits_for_the_clock_instead_of_playing_the_future()
    {
        // Three candles from 00:00 to 00:02; the clock reads 00:04, so the second lap (00:03 to 00:05) may go up to 00:05
        // (one interval after now) and the third lap must wait for the clock.
        var t0 = 1699999980000L;
        var clock = new SteppedTime(DateTimeOffset.FromUnixTimeMilliseconds(t0 + 4 * 60_000));
        await using var harness = new MarketDataHarness(Settings(ThreeCandles(), speed: 0, updates: 1, loop: true), clock);

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Publisher.WaitForAsync(c => c.OpenTime == t0 + 5 * 60_000);
        await clock.WaitedOnAsync();

        harness.Publisher.ClosedCandles.Select(c => c.OpenTime).Should().Equal(Enumerable.Range(0, 6).Select(i => t0 + i * 60_000L),
            "nothing later than one interval after now is played");
        clock.Advance(TimeSpan.FromMinutes(1));
        await harness.Publisher.WaitForAsync(c => c.OpenTime == t0 + 6 * 60_000);
        harness.Publisher.ClosedCandles.Should().HaveCount(7);
    }

    [Fact]
    public async Task Looping_shifts_each_lap_forward_so_time_keeps_moving()
    {
        await using var harness = new MarketDataHarness(Settings(ThreeCandles(), speed: 0, updates: 1, loop: true));

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Publisher.WaitForAsync(c => c.OpenTime >= 1699999980000 + 8 * 60_000);

        var closed = harness.Publisher.ClosedCandles.Take(9).ToList();
        closed.Select(c => c.OpenTime).Should().Equal(Enumerable.Range(0, 9).Select(i => 1699999980000 + i * 60_000L));
        closed[3].Should().Be(closed[0] with { OpenTime = closed[0].OpenTime + 180_000, CloseTime = closed[0].CloseTime + 180_000 });
        closed[8].Close.Should().Be(100.5m);
    }

    [Fact]
    public async Task A_restarted_replay_skips_what_the_archive_holds()
    {
        var file = ThreeCandles();
        await using var harness = new MarketDataHarness(Settings(file, speed: 0, updates: 2, loop: false), archivedUntil:
            key => key == new StreamKey("ETHUSDT", KlineInterval.OneMinute) ? 1700000040000 : null);

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Running!.WaitAsync(TimeSpan.FromSeconds(20));

        harness.Publisher.ClosedCandles.Select(c => c.OpenTime).Should().Equal(1700000100000);
        harness.Publisher.Candles.Should().HaveCount(2, "the third candle's open update and its close");
    }

    [Fact]
    public async Task The_backfill_span_goes_out_at_once_as_closed_candles_then_play_follows_the_clock()
    {
        var file = WriteFile("ETHUSDT-1m-ten.csv", Enumerable.Range(0, 10).Select(i =>
            $"{1699999980000 + i * 60_000L},100,110,90,{100 + i},1,{1700000039999 + i * 60_000L},100,1,0,0,0").ToArray());
        // Set after the file's candles: a replay never plays a candle from the future.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var harness = new MarketDataHarness(Settings(file, speed: 60, updates: 2, loop: false, backfill: "00:05:00"), clock);

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Publisher.WaitForAsync(c => c.OpenTime == 1699999980000 + 4 * 60_000L);

        // The clock has not moved: only the backfill can have gone out, each candle once and closed.
        harness.Publisher.Candles.Should().HaveCount(5).And.OnlyContain(c => c.IsClosed);
        harness.Publisher.Candles.Select(c => c.Close).Should().Equal(100m, 101m, 102m, 103m, 104m);

        // At 60× the sixth candle's halfway update is due half a second after play starts, its close a second after.
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await harness.Publisher.WaitForAsync(c => c.OpenTime == 1699999980000 + 5 * 60_000L);
        harness.Publisher.Candles.Should().HaveCount(6);
        harness.Publisher.Candles[^1].IsClosed.Should().BeFalse("after the backfill candles come with their open updates");

        clock.Advance(TimeSpan.FromSeconds(5));
        await harness.Running!.WaitAsync(TimeSpan.FromSeconds(10));
        harness.Publisher.Candles.Should().HaveCount(5 + 5 * 2);
        harness.Publisher.ClosedCandles.Select(c => c.Close).Should().Equal(Enumerable.Range(100, 10).Select(i => (decimal)i));
    }

    [Fact]
    public async Task Speed_is_a_multiple_of_real_time()
    {
        // At 600× a 1-minute candle lasts 100 ms, so three candles take 300 ms.
        await using var harness = new MarketDataHarness(Settings(ThreeCandles(), speed: 600, updates: 2, loop: false));
        var clock = Stopwatch.StartNew();

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Running!.WaitAsync(TimeSpan.FromSeconds(10));

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(280)).And.BeLessThan(TimeSpan.FromSeconds(3));
        harness.Publisher.ClosedCandles.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_missing_file_and_a_bad_row_are_reported_with_their_location_and_the_rest_plays()
    {
        var bad = WriteFile("BTCUSDT-1m-bad.csv",
            "open_time,open,high,low,close,volume",
            "2023-03-01 00:00:00+00:00,10,11,9,10.5,1",
            "2023-03-01 00:01:00+00:00,10,abc,9,10.5,1");
        var settings = Settings(ThreeCandles(), speed: 0, updates: 1, loop: false);
        settings["MarketData:Replay:Files:1"] = bad;
        settings["MarketData:Replay:Files:2"] = "SampleData/DOGEUSDT-1m-missing.csv";
        await using var harness = new MarketDataHarness(settings);

        harness.StartSource(MarketDataSourceKind.Replay);
        await harness.Running!.WaitAsync(TimeSpan.FromSeconds(10));

        harness.Publisher.ClosedCandles.Where(c => c.Symbol == "ETHUSDT").Should().HaveCount(3);
        harness.Publisher.ClosedCandles.Where(c => c.Symbol == "BTCUSDT").Should().ContainSingle();
        var status = harness.Status.Snapshot();
        status.Malformed.Should().Be(1);
        harness.Logs.Lines.Should().Contain(l => l.Contains("replay file 'SampleData/DOGEUSDT-1m-missing.csv' not found"));
        harness.Logs.Lines.Should().Contain(l => l.Contains($"{bad}:3:"));
    }

    [Fact]
    public async Task A_gzip_file_cut_short_is_reported_naming_the_file_after_its_readable_candles_and_the_rest_plays()
    {
        var month = File.ReadAllBytes(CryptoStreamLab.Tests.Support.TestCandles.PathOf(CryptoStreamLab.Tests.Support.TestCandles.NearMonthFile));
        var cut = Path.Combine(_dir, "NEARUSDT-1m-cut.csv.gz");
        File.WriteAllBytes(cut, month[..^1_000]);
        var settings = Settings(ThreeCandles(), speed: 0, updates: 1, loop: false);
        settings["MarketData:Replay:Files:1"] = cut;
        await using var harness = new MarketDataHarness(settings);

        harness.StartSource(MarketDataSourceKind.Replay);

        await harness.Running!.WaitAsync(TimeSpan.FromSeconds(30));

        harness.Status.Snapshot().Malformed.Should().Be(1);
        harness.Logs.Lines.Should().Contain(l => l.Contains($"{cut}: the gzip data does not end with its trailer"));
        harness.Publisher.ClosedCandles.Where(c => c.Symbol == "ETHUSDT").Should().HaveCount(3, "the other file plays");
        harness.Publisher.ClosedCandles.Count(c => c.Symbol == "NEARUSDT").Should().BeLessThan(40_320, "the file was cut short").And.BeGreaterThan(0);
    }
}
