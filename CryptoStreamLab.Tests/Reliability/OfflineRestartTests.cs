using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>A real app process restarted without internet shows its streams at once, from the candle archive.</summary>
public sealed class OfflineRestartTests : IDisposable
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.WebProject, "SampleData", "LTCUSDT-1m-2026-02-01_02-futures.csv.gz");
    private readonly string _dir = Directory.CreateTempSubdirectory("offline-restart-").FullName;
    private readonly List<AppProcess> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Restarted_offline_the_app_serves_its_streams_from_the_archive_with_their_indicators()
    {
        var candles = KlineCsvReader.ReadFile(Sample, "LTCUSDT", KlineInterval.OneMinute).ToList();
        var replay = Start(new()
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = Sample,
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:UpdatesPerCandle"] = "1",
        });
        await replay.WaitForStatusAsync(s => s.GetProperty("source").GetProperty("state").GetString() == "finished" &&
                                             s.GetProperty("archive").GetProperty("candlesWritten").GetInt64() == candles.Count,
            TimeSpan.FromSeconds(60), "the replay to be archived");
        int fills;
        using (var before = JsonDocument.Parse(await replay.Http.GetStringAsync("/api/v1/streams/LTCUSDT/1m")))
            fills = before.RootElement.GetProperty("fills").GetInt32();
        fills.Should().BeGreaterThan(0);
        replay.KillHard();

        // Binance where nothing listens: no candle can arrive, only the archive can fill the stream.
        var offline = Start(new()
        {
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = "LTCUSDT",
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
        });
        await offline.WaitForStatusAsync(_ => true, TimeSpan.FromSeconds(60), "the app to serve");

        using var stream = JsonDocument.Parse(await offline.Http.GetStringAsync("/api/v1/streams/LTCUSDT/1m"));
        stream.RootElement.GetProperty("candles").GetInt32().Should().Be(1_000, "the buffer is full again, from the archive");
        stream.RootElement.GetProperty("last_candle").GetProperty("open_time").GetInt64().Should().Be(candles[^1].OpenTime);
        // The buffer holds the whole page, so these are its candles (the archive is read only for what it lacks).
        using var buffered = JsonDocument.Parse(await offline.Http.GetStringAsync("/api/v1/streams/LTCUSDT/1m/candles?limit=1000"));
        var shown = buffered.RootElement.GetProperty("candles").EnumerateArray()
            .Select(c => (c.GetProperty("open_time").GetInt64(), c.GetProperty("close").GetDecimal())).ToList();
        shown.Should().Equal(candles.TakeLast(1_000).Select(c => (c.OpenTime, c.Close)), "the newest 1,000 archived candles, digit for digit");
        stream.RootElement.GetProperty("fills").GetInt32().Should().Be(fills, "the ledger's account, and history does not trade again");
        // The indicators of the newest candle are those of an engine that saw the whole file: the warm-up rebuilt them.
        var engine = new CryptoStreamLab.Core.Engine.StreamEngine(new StreamKey("LTCUSDT", KlineInterval.OneMinute),
            new CryptoStreamLab.Core.Engine.EngineSettings(new CryptoStreamLab.Core.Strategy.StrategyOptions(), new CryptoStreamLab.Core.Trading.TradingOptions()));
        foreach (var candle in candles) engine.Apply(candle);
        using (var page = JsonDocument.Parse(await offline.Http.GetStringAsync("/api/v1/streams/LTCUSDT/1m/candles?limit=1")))
        {
            var newest = page.RootElement.GetProperty("candles")[0];
            newest.GetProperty("open_time").GetInt64().Should().Be(candles[^1].OpenTime);
            newest.GetProperty("ma_slow").GetDouble().Should().BeApproximately(engine.Latest!.Value.SlowMa, 1e-9);
            newest.GetProperty("rsi").GetDouble().Should().BeApproximately(engine.Latest!.Value.Rsi, 1e-9);
        }
        var status = await offline.StatusAsync();
        status!.Value.GetProperty("source").GetProperty("connected").GetBoolean().Should().BeFalse("the app is offline");
        status.Value.GetProperty("archive").GetProperty("pending").GetInt32().Should().Be(0, "nothing archived is archived again");
    }

    private AppProcess Start(Dictionary<string, string> settings)
    {
        // One ledger and one archive named for both runs (a replay keeps its own by default): the replay stands in for the
        // live market's history.
        settings["Storage:Path"] = Path.Combine(_dir, "data");
        settings["Storage:FileName"] = "ledger.db";
        settings["Archive:Path"] = Path.Combine(_dir, "archive");
        settings["Archive:FlushInterval"] = "00:00:00.200";
        settings["Logging:LogLevel:Default"] = "Warning";
        var app = AppProcess.Start(settings);
        _apps.Add(app);
        return app;
    }
}
