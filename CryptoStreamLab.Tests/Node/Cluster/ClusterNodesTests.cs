using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Node.Cluster;

/// <summary>
/// Two nodes of the app in one test process on node A's embedded broker: A runs every role, C only the dashboard. C shows
/// A's stream from the state topic, C's reset reaches A's engine through the commands topic, and bad state or command
/// messages are dead-lettered without stopping either node.
/// </summary>
public sealed class ClusterNodesTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);

    private static Dictionary<string, string?> Settings(string id, string roles, string? broker = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Node:Id"] = id,
            ["Node:Roles"] = roles,
            // Both nodes sign and check the internal topics with the same key.
            [Support.TestClusterKey.Setting] = Support.TestClusterKey.Hex,
            // The node follows BTCUSDT 1m; its feed points where nothing answers, so the test's candles are the only ones.
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = "BTCUSDT",
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["Strategy:FastPeriod"] = "3",
            ["Strategy:SlowPeriod"] = "6",
            ["Strategy:BuyRsiMin"] = "0",
            ["Strategy:BuyRsiMax"] = "100",
            ["Strategy:SellRsiMin"] = "0",
        };
        if (broker is not null)
        {
            settings["Kafka:BootstrapServers"] = broker;
            settings["Kafka:Client:fetch.wait.max.ms"] = "5";
        }
        return settings;
    }

    /// <summary>Closes that fall, then rise: the fast average crosses above the slow one and the account buys.</summary>
    private static IEnumerable<Candle> DipThenRise() =>
        TestCandles.Series("BTCUSDT", 30).Select((c, i) => c with { Close = 100m + Math.Abs(i - 12) * 0.5m, Open = 100m, High = 110m, Low = 99m });

    private static async Task<(InProcessApp A, InProcessApp C)> StartAsync()
    {
        var a = new InProcessApp(Settings("A", "Ingest,Engine,Dashboard"));
        await a.StartAsync();
        var status = a.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20), () => "A never joined");
        var c = new InProcessApp(Settings("C", "Dashboard", a.Services.GetRequiredService<KafkaCluster>().BootstrapServers));
        await c.StartAsync();
        return (a, c);
    }

    [Fact]
    public async Task A_dashboard_node_shows_the_owners_figures_and_its_reset_reaches_the_owning_engine()
    {
        var (a, c) = await StartAsync();
        await using var _ = a;
        await using var __ = c;
        var ownerState = a.Services.GetRequiredService<StreamDirectory>();
        var dashboard = c.Services.GetRequiredService<StreamDirectory>();
        var publisher = a.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in DipThenRise()) await publisher.PublishAsync(candle, 0, CancellationToken.None);

        // A dashboard-only node knows a stream once its first state message arrives.
        await Eventually.WaitAsync(() => dashboard.Contains(Btc) && dashboard.Snapshot(Btc).Candles.Count == 30 && dashboard.Snapshot(Btc).Fills.Count > 0,
            TimeSpan.FromSeconds(20),
            () => $"C shows {(dashboard.Contains(Btc) ? dashboard.Snapshot(Btc).Candles.Count : 0)} candles, A {ownerState.Snapshot(Btc).Candles.Count}");
        var owned = ownerState.Snapshot(Btc);
        owned.Fills.Should().NotBeEmpty("the series trades, so the reset has something to clear");
        var shown = dashboard.Snapshot(Btc);
        (shown.Account, shown.Equity).Should().Be((owned.Account, owned.Equity));
        shown.Candles.Should().Equal(owned.Candles);
        shown.Fills.Should().Equal(owned.Fills);
        dashboard.Owner(Btc).Should().Be("A");
        await Eventually.WaitAsync(() => c.Services.GetRequiredService<ClusterView>().Nodes().Any(n => n.Id == "A" && n.Streams.Contains(Btc.Id)),
            TimeSpan.FromSeconds(10), () => "C never heard A's heartbeat");

        dashboard.ResetAccount(Btc);

        await Eventually.WaitAsync(() => ownerState.Snapshot(Btc).Fills.Count == 0, TimeSpan.FromSeconds(10), () => "A's engine never got the reset");
        await Eventually.WaitAsync(() => dashboard.Snapshot(Btc).Fills.Count == 0, TimeSpan.FromSeconds(10), () => "C never showed the reset");
        dashboard.Snapshot(Btc).Account.Should().Be(ownerState.Snapshot(Btc).Account).And.Be(new AccountState(10_000m, 0, 0, 0, 0));
    }

    [Fact]
    public async Task Bad_state_and_command_messages_are_dead_lettered_with_their_reason_and_both_nodes_go_on()
    {
        var (a, c) = await StartAsync();
        await using var _ = a;
        await using var __ = c;
        var broker = a.Services.GetRequiredService<KafkaCluster>().BootstrapServers;
        // Signed with the cluster's key, so the messages get as far as the codecs, which reject them for what they say.
        using var signer = ClusterKey.FromBytes(Convert.FromHexString(Support.TestClusterKey.Hex)).NewSignature();
        Message<string?, byte[]?> Signed(string key, byte[] value) =>
            new() { Key = key, Value = value, Headers = new Headers { { MessageSignature.Header, signer.Compute(key, value) } } };
        using (var raw = RawTopic.Producer(broker))
        {
            raw.Produce("StreamQuant.state", Signed("BTCUSDT-1m", "{\"type\":\"evaluation\""u8.ToArray()));
            raw.Produce("StreamQuant.state", Signed("BTCUSDT-1m", "{\"type\":\"delete\",\"node\":\"x\",\"time\":1}"u8.ToArray()));
            raw.Produce("StreamQuant.state", Signed("BTCUSDT-1m", "{\"node\":\"x\",\"time\":1}"u8.ToArray()));
            raw.Produce("StreamQuant.state", Signed("BTCUSDT-1m", "{\"type\":\"reset\",\"node\":\"x\",\"time\":1,\"stream\":\"BTCUSDT-1m\"}"u8.ToArray()));
            raw.Produce("StreamQuant.commands", Signed("BTCUSDT-1m",
                Encoding.UTF8.GetBytes("{\"type\":\"liquidate\",\"stream\":\"BTCUSDT-1m\",\"node\":\"x\",\"id\":\"1\",\"time\":1}")));
            raw.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }

        // A and C each read the state topic and dead-letter all four bad state messages; A's engine reads the command.
        var dlq = new List<ConsumeResult<string?, byte[]?>>();
        await Eventually.WaitAsync(() => (dlq = RawTopic.ReadAll(broker, "StreamQuant.dlq")).Count >= 9, TimeSpan.FromSeconds(20), () => $"{dlq.Count} dead letters");
        var reasons = dlq.Select(m => (Header(m, "dlq-topic"), Header(m, "dlq-error"))).ToList();
        reasons.Where(r => r.Item1 == "StreamQuant.state").Should().HaveCount(8)
            .And.Contain(r => r.Item2.StartsWith("invalid JSON", StringComparison.Ordinal))
            .And.Contain(r => r.Item2 == "unknown type 'delete'")
            .And.Contain(r => r.Item2.StartsWith("type is missing", StringComparison.Ordinal))
            .And.Contain(r => r.Item2.StartsWith("invalid reset message", StringComparison.Ordinal) && r.Item2.Contains("account"));
        reasons.Should().ContainSingle(r => r.Item1 == "StreamQuant.commands").Which.Item2.Should().Be("unknown command 'liquidate'");

        // Both still work: a candle published now reaches C through A's engine and the state topic.
        await a.Services.GetRequiredService<IKlinePublisher>().PublishAsync(TestCandles.Series("BTCUSDT", 1).Single(), 0, CancellationToken.None);
        var dashboard = c.Services.GetRequiredService<StreamDirectory>();
        await Eventually.WaitAsync(() => dashboard.Contains(Btc) && dashboard.Snapshot(Btc).Candles.Count == 1, TimeSpan.FromSeconds(20), () => "C stopped following the stream");
    }

    private static string Header(ConsumeResult<string?, byte[]?> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";
}
