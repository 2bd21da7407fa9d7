using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ingest.Binance;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// Hostile and broken input from every door — Kafka messages, Binance frames, CSV rows, configuration values — read from
/// the tables in TestData/corpus: each is rejected, dead-lettered or ignored with a message that says what and where,
/// nothing crashes, and no stream's state changes.
/// </summary>
public sealed class BadInputCorpusTests : IDisposable
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);

    private readonly string _replay = Directory.CreateTempSubdirectory("corpus-replay-").FullName;

    public void Dispose() => Directory.Delete(_replay, recursive: true);

    public static TheoryData<string, string, string> BinanceFrames => Table("binance.tsv");

    public static TheoryData<string, string, string> CsvRows => Table("csv.tsv");

    public static TheoryData<string, string, string> ConfigurationValues => Table("config.tsv");

    [Fact]
    public async Task Every_bad_Kafka_message_is_dead_lettered_with_its_reason_or_ignored_and_no_stream_changes()
    {
        var rows = Rows("kafka.tsv").ToList();
        // Generated rather than stored: a value just past Kafka:MaxMessageBytes (64 KiB by default).
        var huge = "{\"timestamp\":1769904000000,\"pad\":\"" + new string('x', 70_000) + "\"}";
        rows.Add(("payload beyond Kafka:MaxMessageBytes", "dlq: above the 65536-byte limit", huge));
        rows.Should().HaveCountGreaterThan(20);

        // BTCUSDT 1m must be a stream the app follows: a one-candle replay file names it (the candle opens just before
        // the series published below).
        var replayFile = Path.Combine(_replay, "BTCUSDT-1m-2026-01-31.csv");
        File.WriteAllLines(replayFile, ["open_time,open,high,low,close,volume", "1769903940000,100,101,99,100.5,1"]);
        await using var app = new InProcessApp(new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = replayFile,
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:UpdatesPerCandle"] = "1",
        });
        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        var market = app.Services.GetRequiredService<StreamDirectory>();
        market.Keys.Should().Equal(Btc);
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20),
            () => "the consumer never joined");

        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in TestCandles.Series("BTCUSDT", 30))
            await publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        await Eventually.WaitAsync(() => market.Snapshot(Btc).Candles.Count == 31, null, () => "the good candles never arrived");
        await Eventually.WaitAsync(() => status.Snapshot().Lag == 0, null, () => "the consumer did not catch up");
        var before = market.Snapshot(Btc);
        var consumedBefore = status.Snapshot().Consumed;

        using (var raw = RawTopic.Producer(status.Snapshot().BootstrapServers))
        {
            foreach (var (_, _, value) in rows)
                raw.Produce("StreamQuant", new Message<string?, byte[]?> { Key = "BTCUSDT", Value = Encoding.UTF8.GetBytes(value) });
            raw.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }
        var deadLettered = rows.Where(row => row.Expected.StartsWith("dlq: ", StringComparison.Ordinal)).ToList();
        await Eventually.WaitAsync(() => status.Snapshot().Consumed >= consumedBefore + rows.Count && status.Snapshot().DeadLettered == deadLettered.Count,
            TimeSpan.FromSeconds(20), () => $"consumed {status.Snapshot().Consumed - consumedBefore} of {rows.Count}, dead-lettered {status.Snapshot().DeadLettered}");

        var after = market.Snapshot(Btc);
        after.Version.Should().Be(before.Version, "no bad message may change the stream");
        after.Candles.Should().Equal(before.Candles);
        after.Account.Should().Be(before.Account);
        after.Fills.Should().Equal(before.Fills);

        // Every rejected message sits in the dead-letter topic, in the order it came (one key, one partition), with its reason.
        var dlq = await ReadDeadLettersAsync(status.Snapshot().BootstrapServers, deadLettered.Count);
        dlq.Should().HaveCount(deadLettered.Count);
        foreach (var ((name, expected, _), reason) in deadLettered.Zip(dlq))
            reason.Should().Contain(expected["dlq: ".Length..], name);
        app.Logs.Messages.Should().Contain(m => m.Contains("StreamQuant partition") && m.Contains("offset") && m.Contains("unknown interval '7m'"),
            "the log locates each rejected message");
        (await app.Client.GetAsync("/api/status")).IsSuccessStatusCode.Should().BeTrue("the app is still serving");
    }

    [Theory]
    [MemberData(nameof(BinanceFrames))]
    public void Every_bad_Binance_frame_is_reported_as_malformed_with_the_field_at_fault(string name, string expected, string frame)
    {
        var kind = new BinanceKlineFrameParser().Parse(Encoding.UTF8.GetBytes(frame), out _, out _, out var error);

        kind.Should().Be(BinanceFrameKind.Malformed, name);
        error.Should().Contain(expected, name);
    }

    [Theory]
    [MemberData(nameof(CsvRows))]
    public void Every_bad_CSV_row_stops_the_file_with_its_line_and_reason(string name, string expected, string row)
    {
        var text = "open_time,open,high,low,close,volume\n" + row + "\n";
        var read = () => KlineCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "corpus.csv", "BTCUSDT", KlineInterval.OneMinute).ToList();

        read.Should().Throw<CsvFormatException>(name).Which.Message.Should().StartWith("corpus.csv:2:").And.Contain(expected);
    }

    [Theory]
    [MemberData(nameof(ConfigurationValues))]
    public void Every_bad_configuration_value_is_named_before_the_app_listens(string name, string expected, string setting)
    {
        var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
        var folder = Directory.CreateTempSubdirectory("config-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Path"] = folder,
                ["Archive:Path"] = Path.Combine(folder, "archive"),
                ["MarketData:Source"] = "Synthetic",
                [key] = value,
            });
            builder.AddCryptoStreamLab();
            using var app = builder.Build();

            OptionsValidation.CollectStartupProblems(app.Services).Should().NotBeNull(name).And.Contain(expected, name);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<string>> ReadDeadLettersAsync(string bootstrapServers, int expected)
    {
        var reasons = new List<(long Offset, string Reason)>();
        await Eventually.WaitAsync(() =>
        {
            reasons = RawTopic.ReadAll(bootstrapServers, "StreamQuant.dlq")
                .Select(m => (long.Parse(Header(m, "dlq-offset")), Header(m, "dlq-error")))
                .ToList();
            return reasons.Count >= expected;
        }, TimeSpan.FromSeconds(15), () => $"{reasons.Count} of {expected} dead letters");
        return reasons.OrderBy(r => r.Offset).Select(r => r.Reason).ToList();
    }

    private static string Header(ConsumeResult<string?, byte[]?> message, string name) =>
        Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(name));

    private static TheoryData<string, string, string> Table(string file)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, expected, input) in Rows(file)) data.Add(name, expected, input);
        return data;
    }

    /// <summary>Tab-separated rows: name, expected outcome, input (the rest of the line, possibly empty).</summary>
    private static IEnumerable<(string Name, string Expected, string Input)> Rows(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "corpus", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 3))
            .Select(parts => (parts[0], parts[1], parts.Length > 2 ? parts[2] : ""));
}
