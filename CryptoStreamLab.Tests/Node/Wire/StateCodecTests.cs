using System.Text;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Support;


namespace CryptoStreamLab.Tests.Node.Wire;

/// <summary>The state and commands topics' message formats: what is written reads back the same, and bad values are refused with a reason.</summary>
public sealed class StateCodecTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);
    private static readonly Candle Candle = TestCandles.Series("BTCUSDT", 1).Single();

    private static readonly StateUpdate Evaluation = new(Btc, "node-a", new CandleOrigin(2, 41),
        new Evaluation(Candle, global::CryptoStreamLab.Core.Engine.Evaluation.SeedSeries(100.25, double.NaN, 55.5), Signal.Buy, Signal.Buy,
            new Fill(Candle.OpenTime, TradeSide.Buy, Candle.Close, 99.5m, 9.95m, 0.05m, 99.5m), 0.05m, 99.5m, 9_990m, IsPreview: false),
        new AccountState(0.05m, 99.5m, 100m, 9.95m, 1), 10_000m, 3, Candle.OpenTime, 1_769_904_000_123);

    [Fact]
    public void An_evaluation_a_reset_and_a_heartbeat_read_back_as_written()
    {
        var reset = Evaluation with { Evaluation = null, Account = new AccountState(10_000m, 0, 0, 0, 0), Origin = CandleOrigin.None };
        var heartbeat = new NodeHeartbeat("node-a", "Engine,Dashboard", ["BTCUSDT-1m", "ETHUSDT-5m"], 123);

        Read(Btc.Id, StateCodec.Serialize(Evaluation)).Update.Should().BeEquivalentTo(Evaluation, o => o.ComparingByMembers<Evaluation>()
            .Using<double>(c => c.Subject.Should().Be(c.Expectation)).WhenTypeIs<double>());
        Read(Btc.Id, StateCodec.Serialize(reset)).Update!.IsReset.Should().BeTrue();
        Read(Btc.Id, StateCodec.Serialize(reset)).Update.Should().BeEquivalentTo(reset);
        Read(StateCodec.KeyOf(heartbeat), StateCodec.Serialize(heartbeat)).Heartbeat.Should().BeEquivalentTo(heartbeat);
        double.IsNaN(Read(Btc.Id, StateCodec.Serialize(Evaluation)).Update!.Evaluation!.Value.SlowMa).Should().BeTrue("a not-ready indicator travels as null");
    }

    public static TheoryData<string, string?, string, string> BadStateMessages => new()
    {
        { "not JSON", "BTCUSDT-1m", "{", "invalid JSON" },
        { "no node", "BTCUSDT-1m", Patch("\"node\":\"node-a\"", "\"node\":\"\""), "node is missing" },
        { "unknown type", "BTCUSDT-1m", Patch("\"type\":\"evaluation\"", "\"type\":\"delete\""), "unknown type 'delete'" },
        { "bad stream id", "BTCUSDT", Patch("\"stream\":\"BTCUSDT-1m\"", "\"stream\":\"BTCUSDT\""), "stream 'BTCUSDT' is not SYMBOL-INTERVAL" },
        { "key of another stream", "ETHUSDT-1m", Serialized(), "key 'ETHUSDT-1m' does not match stream 'BTCUSDT-1m'" },
        { "candle of another stream", "BTCUSDT-1m", Patch("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"ETHUSDT\""), "does not belong to stream BTCUSDT 1m" },
        { "negative cash", "BTCUSDT-1m", Patch("\"account\":{\"cash\":0.05", "\"account\":{\"cash\":-1"), "negative cash" },
        { "an earlier version's rsi out of range", "BTCUSDT-1m", Patch("\"series\":[100.25,null,55.5]", "\"rsi\":155.5"), "rsi 155.5 is outside 0–100" },
        { "more series than a strategy draws", "BTCUSDT-1m", Patch("\"series\":[100.25,null,55.5]", "\"series\":[1,2,3,4,5,6,7,8,9]"), "series has 9 values" },
        { "unknown signal", "BTCUSDT-1m", Patch("\"signal\":\"BUY\"", "\"signal\":\"MOON\""), "signal 'MOON'" },
        { "fill on another candle", "BTCUSDT-1m", Patch("\"fill\":{\"openTime\":1769904000000", "\"fill\":{\"openTime\":1"), "the fill is not on the message's candle" },
        { "bad candle", "BTCUSDT-1m", Patch("\"high\":100.5", "\"high\":1"), "candle: " },
        { "heartbeat under another key", "node:other", "{\"type\":\"node\",\"node\":\"node-a\",\"time\":1}", "key 'node:other' does not match node 'node-a'" },
    };

    [Theory]
    [MemberData(nameof(BadStateMessages))]
    public void A_bad_state_message_is_refused_with_its_reason(string name, string? key, string value, string reason)
    {
        var error = StateCodec.TryDeserialize(key, Encoding.UTF8.GetBytes(value), 65_536, out var update, out var heartbeat);

        error.Should().Contain(reason, name);
        (update, heartbeat).Should().Be((null, null));
    }

    [Fact]
    public void A_value_past_the_size_limit_is_refused_before_parsing()
    {
        StateCodec.TryDeserialize(Btc.Id, StateCodec.Serialize(Evaluation), 100, out _, out _).Should().StartWith("value is").And.Contain("above the 100-byte limit");
    }

    [Fact]
    public void A_command_reads_back_and_a_bad_one_is_refused_with_its_reason()
    {
        var reset = new CommandMessage(CommandCodec.ResetType, Btc.Id, "dash-1", "c0ffee", 5);
        CommandCodec.TryDeserialize(Btc.Id, CommandCodec.Serialize(reset), 1024, out var read, out var stream).Should().BeNull();
        (read, stream).Should().Be((reset, Btc));

        Refused(Btc.Id, reset with { Type = "liquidate" }).Should().Be("unknown command 'liquidate'");
        Refused("ETHUSDT-1m", reset).Should().Be("key 'ETHUSDT-1m' does not match stream 'BTCUSDT-1m'");
        Refused("BTC", reset with { Stream = "BTC" }).Should().Be("stream 'BTC' is not SYMBOL-INTERVAL");
        Refused(Btc.Id, reset with { Id = " " }).Should().Be("node and id are required");
        CommandCodec.TryDeserialize(Btc.Id, "[1,2]"u8, 1024, out _, out _).Should().StartWith("invalid JSON");
    }

    private static string? Refused(string key, CommandMessage command) => CommandCodec.TryDeserialize(key, CommandCodec.Serialize(command), 1024, out _, out _);

    private static (StateUpdate? Update, NodeHeartbeat? Heartbeat) Read(string key, byte[] value)
    {
        StateCodec.TryDeserialize(key, value, 65_536, out var update, out var heartbeat).Should().BeNull();
        return (update, heartbeat);
    }

    private static string Serialized() => Encoding.UTF8.GetString(StateCodec.Serialize(Evaluation));

    private static string Patch(string from, string to)
    {
        var json = Serialized();
        json.Should().Contain(from, "the test patches a field the format has");
        return json.Replace(from, to, StringComparison.Ordinal);
    }
}
