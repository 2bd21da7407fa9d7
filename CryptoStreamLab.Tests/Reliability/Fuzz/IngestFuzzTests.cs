using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CryptoStreamLab.Tests.Reliability.Fuzz;

/// <summary>
/// Seeded random and mutated candle, state and command messages (<see cref="FuzzInputs.Kinds"/>) thrown at the whole app
/// between good candles, and damaged kline files thrown at the backtest verb. Afterwards: every good candle applied exactly
/// once and in order, the account as the good candles alone make it, no ghost node, nothing written outside the data
/// folder, /health true to what happened, and no unhandled exception.
/// FUZZ_SEED replays a run; FUZZ_SCALE makes it longer.
/// </summary>
public sealed class IngestFuzzTests(ITestOutputHelper output)
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);

    [Fact]
    public async Task Random_and_mutated_candle_messages_never_stop_good_candles_or_write_outside_the_data_folder()
    {
        var seed = FuzzInputs.Seed;
        output.WriteLine($"FUZZ_SEED={seed} FUZZ_SCALE={FuzzInputs.Scale}");
        var random = new Random(seed);
        var good = TestCandles.Series(Btc.Symbol, 40 * FuzzInputs.Scale).ToList();
        var perGood = 8;

        var folder = Directory.CreateTempSubdirectory("fuzz-").FullName;
        try
        {
            // Four levels deep, so a symbol with ../../../../ would still land inside the folder the test inspects.
            var dataRoot = Path.Combine(folder, "l1", "l2", "l3");
            var archiveRoot = Path.Combine(dataRoot, "archive");
            var replay = Path.Combine(folder, "BTCUSDT-1m-replay.csv");
            File.WriteAllLines(replay, ["open_time,open,high,low,close,volume", $"{good[0].OpenTime - 60_000},100,101,99,100.5,1"]);
            var sent = new Dictionary<string, int>();
            await using (var app = new InProcessApp(new Dictionary<string, string?>
            {
                ["MarketData:Source"] = "Replay",
                ["MarketData:Replay:Files:0"] = replay,
                ["MarketData:Replay:Speed"] = "0",
                ["MarketData:Replay:Loop"] = "false",
                ["MarketData:Replay:UpdatesPerCandle"] = "1",
                ["Storage:Path"] = dataRoot,
                ["Archive:Path"] = archiveRoot,
                ["Archive:FlushInterval"] = "00:00:01",
            }))
            {
                await app.StartAsync();
                var status = app.Services.GetRequiredService<KafkaStatus>();
                var market = app.Services.GetRequiredService<StreamDirectory>();
                await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false } && market.Snapshot(Btc).Candles.Count == 1,
                    TimeSpan.FromSeconds(30), () => "the consumer never joined or the replay candle never arrived");
                var consumedBefore = status.Snapshot().Consumed;
                var deadLetteredBefore = status.Snapshot().DeadLettered;
                var handedBefore = app.Sink.Candles.Count;

                var total = 0;
                var internalSent = 0;
                using (var producer = RawTopic.Producer(status.Snapshot().BootstrapServers))
                {
                    foreach (var candle in good)
                    {
                        producer.Produce(FuzzInputs.CandleTopic, new Message<string?, byte[]?> { Key = Btc.Symbol, Value = KlineCodec.Serialize(candle, 0) });
                        total++;
                        for (var k = 0; k < perGood; k++)
                        {
                            var (kind, message) = FuzzInputs.Next(random);
                            producer.Produce(kind.Topic, new Message<string?, byte[]?> { Key = message.Key, Value = message.Value });
                            sent[kind.Name] = sent.GetValueOrDefault(kind.Name) + 1;
                            if (kind.Topic == FuzzInputs.CandleTopic) total++;
                            else internalSent++;
                        }
                    }
                    producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
                }
                output.WriteLine(string.Join(", ", sent.Select(s => $"{s.Key}: {s.Value}")));

                await Eventually.WaitAsync(() => status.Snapshot().Consumed >= consumedBefore + total && status.Snapshot().Lag == 0, TimeSpan.FromSeconds(60),
                    () => $"seed {seed}: consumed {status.Snapshot().Consumed - consumedBefore} of {total}");
                // Every candle-topic message not handed to the engine, and every (unsigned) state or command message, is dead-lettered.
                var expectedDeadLetters = total - (app.Sink.Candles.Count - handedBefore) + internalSent;
                await Eventually.WaitAsync(() => status.Snapshot().DeadLettered >= deadLetteredBefore + expectedDeadLetters, TimeSpan.FromSeconds(60),
                    () => $"seed {seed}: dead-lettered {status.Snapshot().DeadLettered - deadLetteredBefore} of {expectedDeadLetters}");

                // Every good candle reached its stream once, in order, and nothing else did.
                app.Sink.Candles.Where(c => c.Symbol == Btc.Symbol && c.Interval == Btc.Interval).Select(c => c.OpenTime).Skip(1)
                    .Should().Equal(good.Select(c => c.OpenTime), $"seed {seed}: each good candle is handed over once, in order");
                var btc = market.Snapshot(Btc);
                btc.Candles.Skip(1).Select(c => (c.OpenTime, c.Close)).Should().Equal(good.Select(c => (c.OpenTime, c.Close)), $"seed {seed}");
                btc.RejectedUpdates.Should().Be(0, $"seed {seed}: no fuzzed message reached the good stream");
                // No forged state message or command changed the account: it is what an engine makes of the good candles alone.
                var engine = new CryptoStreamLab.Core.Engine.StreamEngine(Btc, app.Services.EngineSettings(1000));
                foreach (var candle in btc.Candles) engine.Apply(candle);
                btc.Account.Should().Be(engine.Account.State, $"seed {seed}: forged resets and accounts are dead-lettered, not applied");
                (await app.Client.GetStringAsync("/api/cluster")).Should().NotContain("evil", $"seed {seed}: no ghost node from a forged heartbeat");
                market.Keys.Should().OnlyContain(k => SymbolRules.IsValid(k.Symbol), $"seed {seed}: only valid symbols become streams");

                // /health tells the truth: Kafka is fine, the good stream is not stuck, and any stream the check names is one that refuses.
                using (var health = await app.Client.GetAsync("/health"))
                {
                    using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
                    var checks = json.RootElement.GetProperty("checks");
                    checks.GetProperty("kafka").GetProperty("status").GetString().Should().Be("Healthy", $"seed {seed}");
                    var streams = checks.GetProperty("streams");
                    var stuck = market.StuckStreams().Select(s => s.Key.Id).ToList();
                    stuck.Should().NotContain(Btc.Id);
                    streams.GetProperty("status").GetString().Should().Be(stuck.Count == 0 ? "Healthy" : "Degraded", $"seed {seed}");
                }
                (await app.Client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "the app is still serving");
                await Eventually.WaitAsync(() => app.Services.GetRequiredService<CryptoStreamLab.Node.Archive.CandleArchive>().Status is { Pending: 0, Writable: true },
                    TimeSpan.FromSeconds(20), () => $"seed {seed}: the archive never flushed: {app.Services.GetRequiredService<CryptoStreamLab.Node.Archive.CandleArchive>().Status}");

                app.Logs.Entries.Should().NotContain(e => e.Level == LogLevel.Critical || e.Message.Contains("Unhandled", StringComparison.OrdinalIgnoreCase),
                    $"seed {seed}: no unhandled exception");
                app.Logs.Messages.Should().NotContain(m => m.Contains("the candle sink failed", StringComparison.Ordinal),
                    $"seed {seed}: every bad candle is refused at the entry, none reaches the sink");
            }

            // Nothing outside the data folders: the replay file, the ledger and archive under dataRoot, and only valid symbol folders.
            var outside = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
                .Where(p => p != replay && !IsUnder(p, dataRoot) && !dataRoot.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
            outside.Should().BeEmpty($"seed {seed}: nothing may be written outside the data folder");
            if (Directory.Exists(archiveRoot))
            {
                Directory.EnumerateDirectories(archiveRoot, "symbol=*").Select(d => Path.GetFileName(d)["symbol=".Length..])
                    .Should().OnlyContain(s => SymbolRules.IsValid(s), $"seed {seed}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Damaged_kline_files_make_the_backtest_verb_fail_cleanly_or_succeed_never_crash()
    {
        var seed = FuzzInputs.Seed;
        output.WriteLine($"FUZZ_SEED={seed} FUZZ_SCALE={FuzzInputs.Scale}");
        var random = new Random(seed);
        var folder = Directory.CreateTempSubdirectory("fuzz-verb-").FullName;
        try
        {
            var outcomes = new Dictionary<int, int>();
            for (var run = 0; run < 25 * FuzzInputs.Scale; run++)
            {
                var input = Path.Combine(folder, $"BTCUSDT-1m-{run}.csv");
                var result = Path.Combine(folder, $"out-{run}.csv");
                File.WriteAllText(input, FuzzInputs.KlineFile(random, 20 + random.Next(120)));
                var stdout = new StringWriter();
                var stderr = new StringWriter();

                var code = BacktestCommand.Run(["--input", input, "--output", result], stdout, stderr);

                outcomes[code] = outcomes.GetValueOrDefault(code) + 1;
                code.Should().BeOneOf([0, 1, 2], $"seed {seed}, run {run}: {stderr}");
                File.Exists(result + ".partial").Should().BeFalse($"seed {seed}, run {run}: no partial output is left behind");
                File.Exists(result).Should().Be(code == 0, $"seed {seed}, run {run}: only a complete run writes its output");
                if (code != 0) stderr.ToString().Should().StartWith("backtest: ", $"seed {seed}, run {run}").And.NotContain("   at ", "no stack trace");
            }
            output.WriteLine(string.Join(", ", outcomes.Select(o => $"exit {o.Key}: {o.Value}")));
            Directory.EnumerateFileSystemEntries(folder).Should().OnlyContain(p => Path.GetFileName(p).StartsWith("BTCUSDT-1m-", StringComparison.Ordinal)
                || Path.GetFileName(p).StartsWith("out-", StringComparison.Ordinal), $"seed {seed}: the verb writes only its output");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool IsUnder(string path, string root) => path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
