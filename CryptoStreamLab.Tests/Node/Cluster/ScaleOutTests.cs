using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Node.Cluster;

/// <summary>
/// Three real app processes on one embedded broker: A runs every role and replays several symbols, B is an Engine that
/// joins A's consumer group, C a Dashboard. The streams split between A and B; C shows them all; B is killed with
/// SIGKILL mid-replay and A takes its streams over. At the end A and C report the same candles, fills and accounts for
/// every stream and each of its two strategies, and the fills equal a backtest of the same files.
/// </summary>
[Collection(Support.RunsAloneCollection.Name)]
public sealed class ScaleOutTests : IDisposable
{
    private const int CandlesPerFile = 700;
    private const int UpdatesPerCandle = 2;
    // Two on each of the three partitions (librdkafka's default partitioner: CRC-32 of the key), so whichever partition
    // the group gives B, B runs two streams.
    private static readonly string[] Symbols = ["AAAUSDT", "MMMUSDT", "BBBUSDT", "GGGUSDT", "CCCUSDT", "DDDUSDT"];
    private static readonly long Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly string _dir = Directory.CreateTempSubdirectory("scale-out-").FullName;
    private readonly List<AppProcess> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Engines_share_the_streams_a_killed_engine_is_replaced_and_every_node_ends_with_the_backtests_fills()
    {
        var files = Symbols.Select(WriteFile).ToArray();
        var total = Symbols.Length * CandlesPerFile * UpdatesPerCandle;

        var a = StartNode("A", files, new Dictionary<string, string>
        {
            // About 50 s of replay: time for B to join, trade and be killed half-way, even on a busy machine.
            ["MarketData:Replay:Speed"] = "840",
        });
        var ready = await a.WaitForStatusAsync(s => Kafka(s).GetProperty("assignedPartitions").GetInt32() == 3, TimeSpan.FromSeconds(60), "A to join");
        var broker = Kafka(ready).GetProperty("bootstrapServers").GetString()!;
        var attached = new Dictionary<string, string>
        {
            ["Kafka:BootstrapServers"] = broker,
            // Attached by address, a node cannot tell the broker is the embedded one: give it the embedded settings.
            ["Kafka:Client:session.timeout.ms"] = "3000",
            ["Kafka:Client:heartbeat.interval.ms"] = "500",
            ["Kafka:Client:fetch.wait.max.ms"] = "5",
        };
        var b = StartNode("B", files, new(attached) { ["Node:Roles"] = "Engine" });
        var c = StartNode("C", files, new(attached) { ["Node:Roles"] = "Dashboard" });

        // The group splits the partitions, so the streams split between the two engines, and C sees both.
        await a.WaitForStatusAsync(s => Owners(s).Contains("A") && Owners(s).Contains("B"), TimeSpan.FromSeconds(60), "the streams to split between A and B");
        await c.WaitForStatusAsync(s => Owners(s).Count(o => o is "A" or "B") == Symbols.Length, TimeSpan.FromSeconds(30), "C to show every stream with its owner");
        // B runs its streams for several seconds (a partition carries 56 updates a second) and the state topic has its
        // changes (deliveries confirmed): far more than A reads again when it takes them over, which is what B applied
        // after its last commit or its last delivered change, about a second's worth.
        var atKill = await b.WaitForStatusAsync(s => Kafka(s).GetProperty("statePublished").GetInt64() > 500, TimeSpan.FromSeconds(30),
            "B to trade its streams and publish them");
        b.KillHard();
        var afterKill = await a.StatusAsync() ?? throw new InvalidOperationException("A stopped answering");
        Source(afterKill).GetProperty("published").GetInt64().Should().BeLessThan(total, "B must be killed in the middle of the replay");
        // Where each of B's streams stood when B died, as A saw it from the state topic.
        var killedAt = afterKill.GetProperty("streams").EnumerateArray()
            .Where(s => s.GetProperty("owner").GetString() == "B")
            .ToDictionary(s => s.GetProperty("symbol").GetString()!, s => s.GetProperty("lastCandle").GetProperty("openTime").GetInt64());
        killedAt.Should().NotBeEmpty();
        Kafka(atKill).GetProperty("assignedPartitions").GetInt32().Should().BePositive("B owned partitions when it was killed");

        // A takes B's streams over once the group's session timeout (3 s) has passed, not the client default of 45 s,
        // and the replay plays to its end.
        var killed = System.Diagnostics.Stopwatch.StartNew();
        await a.WaitForStatusAsync(s => Owners(s).All(o => o == "A"), TimeSpan.FromSeconds(30), "A to take over B's streams");
        killed.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "a killed engine is replaced within its session timeout plus the rebalance");
        var final = await a.WaitForStatusAsync(s => Source(s).GetProperty("state").GetString() == "finished" && Kafka(s).GetProperty("lag").GetInt64() == 0,
            TimeSpan.FromSeconds(90), "the replay to finish and be applied");
        // A restored B's streams from the state topic and resumed after what B had published, instead of reading B's
        // partitions again from the beginning: it never read what only B did.
        Kafka(final).GetProperty("consumed").GetInt64().Should().BeLessThan(total, "A resumes B's partitions where B's published state ends");

        foreach (var symbol in Symbols)
        {
            foreach (var strategy in Strategies.Keys)
            {
                var expected = Backtest(files[Array.IndexOf(Symbols, symbol)], symbol, strategy);
                var book = $"{symbol} {strategy}";
                var fromA = await WaitForStreamAsync(a, symbol, strategy,
                    d => d.Candles.Count > 0 && d.Candles[^1].OpenTime == Start + (CandlesPerFile - 1) * 60_000L && d.Candles[^1].Closed);
                fromA.Fills.Select(f => (f.OpenTime, f.Side, f.Price, f.Quantity, f.Fee)).Should().Equal(
                    expected.Fills.Select(f => (f.CandleOpenTime, f.Side == TradeSide.Buy ? "BUY" : "SELL", f.Price, f.Quantity, f.Fee)),
                    $"{book}'s fills across the handover equal a backtest of its file");
                (fromA.Cash, fromA.Quantity).Should().Be((expected.FinalCash, expected.FinalQuantity), book);

                var fromC = await WaitForStreamAsync(c, symbol, strategy,
                    d => d.Candles.Count == fromA.Candles.Count && d.Candles[^1] == fromA.Candles[^1] && d.FillCount == fromA.FillCount);
                fromC.Candles.Should().Equal(fromA.Candles, $"C shows {book}'s candles as its owner does");
                fromC.Fills.Should().Equal(fromA.Fills, book);
                (fromC.Cash, fromC.Quantity, fromC.Equity, fromC.Owner).Should().Be((fromA.Cash, fromA.Quantity, fromA.Equity, "A"), book);
            }
        }
        // The comparison means something only if B's streams traded both under B and after A took them over, for each strategy.
        foreach (var strategy in Strategies.Keys)
        {
            var handedOver = killedAt.SelectMany(pair => Backtest(files[Array.IndexOf(Symbols, pair.Key)], pair.Key, strategy).Fills
                .Select(f => f.CandleOpenTime <= pair.Value)).ToList();
            handedOver.Should().Contain(true, $"B's streams traded {strategy} before B was killed").And.Contain(false, "and after A took them over");
        }
    }

    private AppProcess StartNode(string id, string[] files, Dictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Node:Id"] = id,
            // Every node signs and checks the internal topics with the same key.
            [Support.TestClusterKey.Setting] = Support.TestClusterKey.Hex,
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:Backfill"] = "00:00:00",
            ["MarketData:Replay:UpdatesPerCandle"] = UpdatesPerCandle.ToString(CultureInfo.InvariantCulture),
            ["Storage:Path"] = Path.Combine(_dir, id),
            ["Archive:Path"] = Path.Combine(_dir, id, "archive"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var index = 0;
        foreach (var (name, strategy) in Strategies)
        {
            settings[$"Strategies:{index}:Name"] = name;
            foreach (var (key, value) in strategy) settings[$"Strategies:{index}:{key}"] = value;
            index++;
        }
        for (var i = 0; i < files.Length; i++) settings[$"MarketData:Replay:Files:{i}"] = files[i];
        foreach (var (key, value) in extra) settings[key] = value;
        var app = AppProcess.Start(settings);
        _apps.Add(app);
        return app;
    }

    /// <summary>
    /// Two strategies on every stream: the seed's with short averages and any RSI (every crossover trades, so a few hundred
    /// candles trade many times) and a breakout on short channels.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Strategies = new()
    {
        ["seed"] = new()
        {
            ["Type"] = "CrossoverRsi", ["FastPeriod"] = "5", ["SlowPeriod"] = "15", ["BuyRsiMin"] = "0", ["BuyRsiMax"] = "100", ["SellRsiMin"] = "0",
        },
        ["breakout"] = new() { ["Type"] = "DonchianBreakout", ["EntryPeriod"] = "10", ["ExitPeriod"] = "5" },
    };

    private static BacktestSummary Backtest(string file, string symbol, string strategy)
    {
        var setup = strategy == "seed"
            ? StrategySetup.Seed(new StrategyOptions { FastPeriod = 5, SlowPeriod = 15, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 })
            : new StrategySetup(BuiltInStrategies.DonchianBreakout, parameters: new DonchianBreakoutParameters { EntryPeriod = 10, ExitPeriod = 5 });
        return Backtester.Run(new StreamKey(symbol, KlineInterval.OneMinute), EngineSettings.For(setup, new TradingOptions()),
            KlineCsvReader.ReadFile(file, symbol, KlineInterval.OneMinute));
    }

    /// <summary>A random walk of one-minute candles, different for every symbol, as a generic OHLCV CSV.</summary>
    private string WriteFile(string symbol)
    {
        var random = new Random(symbol.GetHashCode(StringComparison.Ordinal) & 0x7fffffff ^ 12345);
        var path = Path.Combine(_dir, $"{symbol}-1m-2026-01-05.csv");
        using var writer = new StreamWriter(path);
        writer.WriteLine("open_time,open,high,low,close,volume");
        var close = 100m;
        for (var i = 0; i < CandlesPerFile; i++)
        {
            var open = close;
            close = Math.Max(1m, Math.Round(open + (decimal)(random.NextDouble() - 0.5) * 2m, 2));
            var high = Math.Max(open, close) + 0.25m;
            var low = Math.Min(open, close) - 0.25m;
            writer.WriteLine(FormattableString.Invariant($"{Start + i * 60_000L},{open},{high},{low},{close},{10 + i % 7}"));
        }
        return path;
    }

    private static async Task<StreamDetail> WaitForStreamAsync(AppProcess app, string symbol, string strategy, Func<StreamDetail, bool> done)
    {
        StreamDetail? last = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            last = await DetailAsync(app, symbol, strategy) ?? last;
            if (last is not null && done(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{symbol} never settled on {app.Port}: {JsonSerializer.Serialize(last)}\n{app.Output}");
    }

    /// <summary>The stream as the API shows it: its summary, its trading log and its closed candles; null while it is unknown.</summary>
    private static async Task<StreamDetail?> DetailAsync(AppProcess app, string symbol, string strategy)
    {
        var path = $"/api/v1/streams/{symbol}/1m";
        using var response = await app.Http.GetAsync($"{path}?strategy={strategy}");
        if (!response.IsSuccessStatusCode) return null;
        var summary = JsonSerializer.Deserialize<Summary>(await response.Content.ReadAsStringAsync(), Json)!;
        var fills = JsonSerializer.Deserialize<FillLog>(await app.Http.GetStringAsync($"{path}/fills?strategy={strategy}"), Json)!;
        var candles = JsonSerializer.Deserialize<CandlePage>(await app.Http.GetStringAsync($"{path}/candles?limit=1000&strategy={strategy}"), Json)!;
        return new StreamDetail(summary.Symbol, summary.Owner, summary.Cash, summary.Position, summary.Equity, summary.Fills, fills.Fills,
            candles.Candles);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static JsonElement Kafka(JsonElement status) => status.GetProperty("kafka");

    private static JsonElement Source(JsonElement status) => status.GetProperty("source");

    private static List<string?> Owners(JsonElement status) =>
        status.GetProperty("streams").EnumerateArray().Select(s => s.TryGetProperty("owner", out var o) ? o.GetString() : null).ToList();

    private sealed record StreamDetail(string Symbol, string? Owner, decimal Cash, decimal Quantity, decimal Equity, int FillCount,
        IReadOnlyList<FillRow> Fills, IReadOnlyList<CandleRow> Candles);

    private sealed record Summary(string Symbol, string? Owner, decimal Cash, decimal Position, decimal Equity, int Fills);

    private sealed record FillLog(IReadOnlyList<FillRow> Fills);

    private sealed record CandlePage(IReadOnlyList<CandleRow> Candles);

    private sealed record FillRow(long OpenTime, string Side, decimal Price, decimal Quantity, decimal Fee);

    private sealed record CandleRow(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, bool Closed);
}
