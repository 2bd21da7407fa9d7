using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Node.Bus;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// The real app as a process, fed by another producer through its embedded broker: a symbol that names a path outside the
/// archive, a candle from the future (on the topic, and already in the archive from an earlier run), a price beyond the
/// engine and a misaligned open time are all refused with their reason; good candles keep applying and /health tells the truth.
/// </summary>
public sealed class RefusedCandleProcessTests : IDisposable
{
    private const long Minute = 60_000;
    private const long Year2096 = 3_993_148_800_000;
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);

    private readonly string _folder = Directory.CreateTempSubdirectory("refused-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Two levels down, so "symbol=../../../fuzz-escape" under the archive would land in _folder/data, where the test looks.
    private string Data => Path.Combine(_folder, "data");

    private string ArchiveRoot => Path.Combine(Data, "archive");

    [Fact]
    public async Task Refused_candles_are_dead_lettered_never_leave_the_archive_and_never_freeze_the_stream()
    {
        // An earlier run archived a candle from 2096: read back, it would make Replay skip the stream for good.
        var future = new Candle("BTCUSDT", KlineInterval.OneMinute, Year2096, Year2096 + Minute - 1, 100, 100, 100, 100, 1, 100, 1, true);
        await ParquetCandleFile.WriteAsync(Path.Combine(ArchiveRoot, ArchiveLayout.PartitionOf(future.Symbol, future.Interval, future.OpenTime)), [future]);
        var first = KlineInterval.OneMinute.OpenTimeAt(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - 60 * Minute;
        var replay = Path.Combine(_folder, "BTCUSDT-1m-recent.csv");
        File.WriteAllLines(replay, ["open_time,open,high,low,close,volume",
            .. Enumerable.Range(0, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"{first + i * Minute},100,110,90,{100 + i * 0.1m},1"))]);

        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = replay,
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:UpdatesPerCandle"] = "1",
            ["Storage:Path"] = Data,
            ["Archive:Path"] = ArchiveRoot,
            ["Archive:FlushInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var status = await app.WaitForStatusAsync(s => StreamCandles(s) == 20 && s.GetProperty("kafka").GetProperty("assignedPartitions").GetInt32() == 3,
            TimeSpan.FromSeconds(60), "the replay to play past the archived 2096 candle");
        status.GetProperty("archive").GetProperty("skippedFiles").EnumerateArray().Should().Contain(
            p => p.GetProperty("reason").GetString()!.Contains("is in the future"), "the archived future candle is skipped and reported");
        var bootstrap = status.GetProperty("kafka").GetProperty("bootstrapServers").GetString()!;
        var deadBefore = status.GetProperty("kafka").GetProperty("deadLettered").GetInt64();

        var next = first + 20 * Minute;
        var bad = new (string Key, string Value)[]
        {
            ("../../../fuzz-escape", Json("../../../fuzz-escape", next, 100m)),
            ("BTCUSDT", Json("BTCUSDT", Year2096, 100m)),
            ("BTCUSDT", Json("BTCUSDT", next + Minute * 60 * 24, 100m)),
            ("BTCUSDT", Json("BTCUSDT", next, 100_000_000_000m)),
            ("BTCUSDT", Json("BTCUSDT", next + 30_000, 100m)),
            ("btc-usdt", Json("btc-usdt", next, 100m)),
        };
        using (var producer = RawTopic.Producer(bootstrap))
        {
            foreach (var (key, value) in bad) producer.Produce("StreamQuant", new Message<string?, byte[]?> { Key = key, Value = Encoding.UTF8.GetBytes(value) });
            // After every refused one, the next good candle applies: nothing refused poisons what follows.
            producer.Produce("StreamQuant", new Message<string?, byte[]?> { Key = "BTCUSDT", Value = Encoding.UTF8.GetBytes(Json("BTCUSDT", next, 102m)) });
            producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }

        status = await app.WaitForStatusAsync(s => StreamCandles(s) == 21 && s.GetProperty("kafka").GetProperty("deadLettered").GetInt64() == deadBefore + bad.Length,
            TimeSpan.FromSeconds(30), "the good candle applied and every bad one dead-lettered");
        status.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("symbol").GetString()).Should()
            .Contain("BTCUSDT").And.OnlyContain(s => SymbolRules.IsValid(s), "no refused symbol became a stream");

        using (var health = await app.Http.GetAsync("/health"))
        {
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("checks").GetProperty("streams").GetProperty("status").GetString().Should().Be("Healthy");
        }

        // Let a flush happen, then nothing but the archive and the ledger may exist in the data folder.
        await app.WaitForStatusAsync(s => s.GetProperty("archive").GetProperty("candlesWritten").GetInt64() >= 21, TimeSpan.FromSeconds(20), "the archive flush");
        Directory.EnumerateFileSystemEntries(_folder, "*fuzz-escape*", SearchOption.AllDirectories).Should().BeEmpty();
        Directory.EnumerateDirectories(ArchiveRoot, "symbol=*").Select(d => Path.GetFileName(d)!["symbol=".Length..]).Should()
            .Contain("BTCUSDT").And.OnlyContain(s => SymbolRules.IsValid(s));
        Directory.EnumerateFileSystemEntries(Data).Select(Path.GetFileName).Should().OnlyContain(n => n == "archive" || n!.StartsWith("ledger", StringComparison.Ordinal),
            "nothing but the ledger and the archive in the data folder");
        app.HasExited.Should().BeFalse(app.Output);
        (await app.Http.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static int StreamCandles(JsonElement status) =>
        status.GetProperty("streams").EnumerateArray().Where(s => s.GetProperty("symbol").GetString() == Btc.Symbol)
            .Select(s => s.GetProperty("candles").GetInt32()).FirstOrDefault();

    private static string Json(string symbol, long openTime, decimal price) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"timestamp":{{openTime}},"open":{{price}},"high":{{price}},"low":{{price}},"close":{{price}},"volume":1,"symbol":"{{symbol}}","interval":"1m"}""");
}
