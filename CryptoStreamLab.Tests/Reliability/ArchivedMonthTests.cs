using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>A month replayed at full speed by the real app, through Kafka and the engine, is archived candle for candle.</summary>
public sealed class ArchivedMonthTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("archived-month-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_replayed_month_read_back_from_the_archive_equals_the_file()
    {
        var file = TestCandles.PathOf(TestCandles.NearMonthFile);
        var month = KlineCsvReader.ReadFile(file, "NEARUSDT", KlineInterval.OneMinute).ToList();
        var archive = Path.Combine(_dir, "archive");
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = file,
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:UpdatesPerCandle"] = "1",
            ["Storage:Path"] = Path.Combine(_dir, "data"),
            ["Archive:Path"] = archive,
            ["Archive:FlushInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        await app.WaitForStatusAsync(s => s.GetProperty("source").GetProperty("state").GetString() == "finished" &&
                                          // The shipped LTCUSDT sample plays beside it (the default file list's second entry).
                                          s.GetProperty("archive").GetProperty("candlesWritten").GetInt64() >= month.Count &&
                                          s.GetProperty("archive").GetProperty("pending").GetInt32() == 0,
            TimeSpan.FromSeconds(90), "the month to be archived");

        var back = await new CandleArchiveReader(archive, NullLogger.Instance).ReadAsync(new StreamKey("NEARUSDT", KlineInterval.OneMinute),
            long.MinValue, long.MaxValue);
        back.Should().HaveCount(40_320).And.Equal(month, "every candle, digit for digit, once and in order");
        Directory.GetDirectories(Path.Combine(archive, "symbol=NEARUSDT", "interval=1m")).Should().HaveCount(28, "one folder per UTC day of February");
    }
}
