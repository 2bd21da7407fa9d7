using System.Diagnostics;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>An independent Kafka client reads what the app writes and writes what the app reads.</summary>
public sealed class KcatInteropTests(EmbeddedBrokerFixture fixture) : IClassFixture<EmbeddedBrokerFixture>
{
    [RequiresCommandFact("kcat", "kcat")]
    public async Task Kcat_reads_the_topic_and_finds_the_seed_fields()
    {
        var topic = fixture.NewTopic();
        await using var host = KafkaTestHost.OnBroker(fixture, topic);
        await host.StartAsync();
        var candles = TestCandles.Interleaved(["BTCUSDT", "XRPUSDT"], 5);
        await host.PublishAsync(candles);

        var output = await RunKcatAsync(["-C", "-b", fixture.BootstrapServers, "-t", topic, "-e", "-q", "-f", "%k\t%h\t%s\n"], stdin: null);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(candles.Count);
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            fields[1].Should().Be("schema-version=1");
            using var json = JsonDocument.Parse(fields[2]);
            var root = json.RootElement;
            foreach (var name in new[] { "timestamp", "open", "high", "low", "close", "volume" })
                root.GetProperty(name).ValueKind.Should().Be(JsonValueKind.Number, $"the seed's field {name} is a JSON number");
            root.GetProperty("symbol").GetString().Should().Be(fields[0], "the key is the symbol");
            var expected = candles.Single(c => c.Symbol == fields[0] && c.OpenTime == root.GetProperty("timestamp").GetInt64());
            root.GetProperty("close").GetDecimal().Should().Be(expected.Close);
            root.GetProperty("interval").GetString().Should().Be("1m");
            root.GetProperty("closeTime").GetInt64().Should().Be(expected.CloseTime);
            root.GetProperty("isClosed").GetBoolean().Should().BeTrue();
        }
    }

    [RequiresCommandFact("kcat", "kcat")]
    public async Task A_candle_written_with_kcat_is_applied()
    {
        var topic = fixture.NewTopic();
        await using var host = KafkaTestHost.OnBroker(fixture, topic);
        await host.StartAsync();
        // Only the seed's fields plus symbol and interval, as a person would type it.
        const string json = """{"timestamp":1769904000000,"open":97000.5,"high":97100,"low":96900.25,"close":97050,"volume":12.5,"symbol":"BTCUSDT","interval":"1m"}""";

        await RunKcatAsync(["-P", "-b", fixture.BootstrapServers, "-t", topic, "-k", "BTCUSDT"], stdin: json + "\n");

        await host.Sink.WaitForCountAsync(1);
        host.Sink.Candles.Should().Equal(new Candle("BTCUSDT", KlineInterval.OneMinute, 1769904000000, 1769904059999,
            97000.5m, 97100m, 96900.25m, 97050m, 12.5m, 0m, 0, IsClosed: true));
        host.Status.Snapshot().DeadLettered.Should().Be(0);
    }

    private static async Task<string> RunKcatAsync(string[] arguments, string? stdin)
    {
        var start = new ProcessStartInfo(Executables.Find("kcat") ?? "kcat")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, await errors);
        return await output;
    }
}
