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

/// <summary>
/// The state topic's wire format, pinned byte for byte: what other readers (kcat + jq, scripts) switch on, and what a
/// retained topic written by the previous version holds. Every state message has carried its <c>type</c> since the topic
/// began, so there are no untyped messages to infer a type for: one without a type is refused.
/// </summary>
public sealed class StateCodecFormatTests
{
    // As this version writes them: the strategy by name, its series as a list (trailing nulls left out).
    private const string Evaluation =
        """{"type":"evaluation","node":"node-a","time":1769904000123,"stream":"BTCUSDT-1m","partition":2,"offset":41,"strategy":"CrossoverRsi","candle":{"timestamp":1769904000000""" +
        ""","open":99.90,"high":100.50,"low":99.50,"close":100.00,"volume":12.5,"symbol":"BTCUSDT","interval":"1m","closeTime":1769904059999""" +
        ""","quoteVolume":1250.75,"trades":40,"isClosed":true},"series":[100.25,null,55.5],"signal":"SELL","action":"SELL","preview":false""" +
        ""","fill":{"openTime":1769904000000,"side":"SELL","price":100.00,"quantity":99.5,"fee":9.95,"cashAfter":10000,"quantityAfter":0""" +
        ""","reason":"StopLoss"},"cash":10000,"quantity":0,"equity":10000,"account":{"cash":10000,"quantity":0,"entryPrice":0""" +
        ""","feesPaid":19.9,"fillCount":2},"startingBalance":10000,"rejected":3,"asOf":1769904000000}""";

    private const string Preview =
        """{"type":"evaluation","node":"node-a","time":1769904000123,"stream":"BTCUSDT-1m","partition":2,"offset":41,"strategy":"CrossoverRsi","candle":{"timestamp":1769904000000""" +
        ""","open":99.90,"high":100.50,"low":99.50,"close":100.00,"volume":12.5,"symbol":"BTCUSDT","interval":"1m","closeTime":1769904059999""" +
        ""","quoteVolume":1250.75,"trades":40,"isClosed":true},"series":[100.25],"signal":"HOLD","action":"HOLD","preview":true""" +
        ""","cash":10000,"quantity":0,"equity":10000,"account":{"cash":10000,"quantity":0,"entryPrice":0,"feesPaid":19.9,"fillCount":2}""" +
        ""","startingBalance":10000,"rejected":3,"asOf":1769904000000}""";

    private const string Reset =
        """{"type":"reset","node":"node-a","time":1769904000123,"stream":"BTCUSDT-1m","partition":-1,"offset":-1,"strategy":"CrossoverRsi","account":{"cash":10000""" +
        ""","quantity":0,"entryPrice":0,"feesPaid":0,"fillCount":0},"startingBalance":10000,"rejected":3,"asOf":1769904000000}""";

    // As the previous version wrote them: no strategy (the stream's first), the seed's three series as fields.
    private const string PreviousEvaluation =
        """{"type":"evaluation","node":"node-a","time":1769904000123,"stream":"BTCUSDT-1m","partition":2,"offset":41,"candle":{"timestamp":1769904000000""" +
        ""","open":99.90,"high":100.50,"low":99.50,"close":100.00,"volume":12.5,"symbol":"BTCUSDT","interval":"1m","closeTime":1769904059999""" +
        ""","quoteVolume":1250.75,"trades":40,"isClosed":true},"fastMa":100.25,"rsi":55.5,"signal":"SELL","action":"SELL","preview":false""" +
        ""","fill":{"openTime":1769904000000,"side":"SELL","price":100.00,"quantity":99.5,"fee":9.95,"cashAfter":10000,"quantityAfter":0""" +
        ""","reason":"StopLoss"},"cash":10000,"quantity":0,"equity":10000,"account":{"cash":10000,"quantity":0,"entryPrice":0""" +
        ""","feesPaid":19.9,"fillCount":2},"startingBalance":10000,"rejected":3,"asOf":1769904000000}""";

    private const string PreviousPreview =
        """{"type":"evaluation","node":"node-a","time":1769904000123,"stream":"BTCUSDT-1m","partition":2,"offset":41,"candle":{"timestamp":1769904000000""" +
        ""","open":99.90,"high":100.50,"low":99.50,"close":100.00,"volume":12.5,"symbol":"BTCUSDT","interval":"1m","closeTime":1769904059999""" +
        ""","quoteVolume":1250.75,"trades":40,"isClosed":true},"fastMa":100.25,"signal":"HOLD","action":"HOLD","preview":true""" +
        ""","cash":10000,"quantity":0,"equity":10000,"account":{"cash":10000,"quantity":0,"entryPrice":0,"feesPaid":19.9,"fillCount":2}""" +
        ""","startingBalance":10000,"rejected":3,"asOf":1769904000000}""";

    private const string PreviousReset =
        """{"type":"reset","node":"node-a","time":1769904000123,"stream":"BTCUSDT-1m","partition":-1,"offset":-1,"account":{"cash":10000""" +
        ""","quantity":0,"entryPrice":0,"feesPaid":0,"fillCount":0},"startingBalance":10000,"rejected":3,"asOf":1769904000000}""";

    private const string Heartbeat = """{"type":"node","node":"node-a","time":123,"roles":"Engine,Dashboard","streams":["BTCUSDT-1m","ETHUSDT-5m"]}""";

    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);
    private static readonly Candle Candle = TestCandles.Series("BTCUSDT", 1).Single();

    private static readonly StateUpdate EvaluationUpdate = new(Btc, "node-a", new CandleOrigin(2, 41),
        new Evaluation(Candle, global::CryptoStreamLab.Core.Engine.Evaluation.SeedSeries(100.25, double.NaN, 55.5), Signal.Sell, Signal.Sell,
            new Fill(Candle.OpenTime, TradeSide.Sell, Candle.Close, 99.5m, 9.95m, 10_000m, 0m, FillReason.StopLoss), 10_000m, 0m, 10_000m, IsPreview: false),
        new AccountState(10_000m, 0m, 0m, 19.9m, 2), 10_000m, 3, Candle.OpenTime, 1_769_904_000_123, CrossoverRsiStrategy.TypeName);

    private static readonly StateUpdate PreviewUpdate = EvaluationUpdate with
    {
        Evaluation = EvaluationUpdate.Evaluation!.Value with { Fill = null, IsPreview = true, Signal = Signal.Hold, Action = Signal.Hold, Series = global::CryptoStreamLab.Core.Engine.Evaluation.SeedSeries(100.25, double.NaN, double.NaN) },
    };

    private static readonly StateUpdate ResetUpdate =
        EvaluationUpdate with { Evaluation = null, Account = new AccountState(10_000m, 0, 0, 0, 0), Origin = CandleOrigin.None };

    private static readonly NodeHeartbeat NodeHeartbeat = new("node-a", "Engine,Dashboard", ["BTCUSDT-1m", "ETHUSDT-5m"], 123);

    public static TheoryData<string, string> Updates => new()
    {
        { nameof(Evaluation), Evaluation },
        { nameof(Preview), Preview },
        { nameof(Reset), Reset },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void A_stream_message_is_written_as_pinned_and_reads_back(string name, string json)
    {
        var update = name switch { nameof(Evaluation) => EvaluationUpdate, nameof(Preview) => PreviewUpdate, _ => ResetUpdate };

        Encoding.UTF8.GetString(StateCodec.Serialize(update)).Should().Be(json, "the type comes first and only the type's own fields follow");
        StateCodec.TryDeserialize(Btc.Id, Encoding.UTF8.GetBytes(json), 65_536, out var read, out var heartbeat).Should().BeNull();
        heartbeat.Should().BeNull();
        read.Should().BeEquivalentTo(update, o => o.ComparingByMembers<Evaluation>()
            .Using<double>(c => c.Subject.Should().Be(c.Expectation)).WhenTypeIs<double>());
    }

    public static TheoryData<string, string> PreviousUpdates => new()
    {
        { nameof(Evaluation), PreviousEvaluation },
        { nameof(Preview), PreviousPreview },
        { nameof(Reset), PreviousReset },
    };

    [Theory]
    [MemberData(nameof(PreviousUpdates))]
    public void A_message_of_the_previous_version_reads_as_the_streams_first_strategy_with_its_three_series(string name, string json)
    {
        var update = name switch { nameof(Evaluation) => EvaluationUpdate, nameof(Preview) => PreviewUpdate, _ => ResetUpdate };

        StateCodec.TryDeserialize(Btc.Id, Encoding.UTF8.GetBytes(json), 65_536, out var read, out _).Should().BeNull();
        read.Should().BeEquivalentTo(update with { Strategy = null }, o => o.ComparingByMembers<Evaluation>()
            .Using<double>(c => c.Subject.Should().Be(c.Expectation)).WhenTypeIs<double>());
    }

    [Fact]
    public void A_heartbeat_is_written_as_the_previous_version_wrote_it_and_reads_back()
    {
        Encoding.UTF8.GetString(StateCodec.Serialize(NodeHeartbeat)).Should().Be(Heartbeat);
        StateCodec.TryDeserialize("node:node-a", Encoding.UTF8.GetBytes(Heartbeat), 65_536, out var update, out var read).Should().BeNull();
        update.Should().BeNull();
        read.Should().BeEquivalentTo(NodeHeartbeat);
    }

    [Fact]
    public void The_type_may_come_anywhere_in_the_object()
    {
        var typeLast = Reset.Replace("\"type\":\"reset\",", "", StringComparison.Ordinal).TrimEnd('}') + ",\"type\":\"reset\"}";

        StateCodec.TryDeserialize(Btc.Id, Encoding.UTF8.GetBytes(typeLast), 65_536, out var update, out _).Should().BeNull();
        update.Should().BeEquivalentTo(ResetUpdate);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("")]
    public void A_strategy_name_that_is_not_a_name_is_refused(string name)
    {
        var json = Reset.Replace("\"strategy\":\"CrossoverRsi\"", $"\"strategy\":\"{name}\"", StringComparison.Ordinal);

        StateCodec.TryDeserialize(Btc.Id, Encoding.UTF8.GetBytes(json), 65_536, out var update, out _).Should().StartWith("strategy ");
        update.Should().BeNull();
    }

    public static TheoryData<string, string?, string, string> Refused => new()
    {
        { "no type", Btc.Id, Reset.Replace("\"type\":\"reset\",", "", StringComparison.Ordinal), "type is missing (one of evaluation, reset or node)" },
        { "a heartbeat without a type", "node:node-a", Heartbeat.Replace("\"type\":\"node\",", "", StringComparison.Ordinal), "type is missing" },
        { "type not a string", Btc.Id, Reset.Replace("\"type\":\"reset\"", "\"type\":1", StringComparison.Ordinal), "type is not a string" },
        { "type in another casing", Btc.Id, Reset.Replace("\"type\":\"reset\"", "\"type\":\"Reset\"", StringComparison.Ordinal), "unknown type 'Reset'" },
        { "a reset without an account", Btc.Id, """{"type":"reset","node":"node-a","time":1,"stream":"BTCUSDT-1m","startingBalance":10000}""",
            "invalid reset message: *'account'" },
        { "an evaluation without a candle", Btc.Id, """{"type":"evaluation","node":"node-a","time":1,"stream":"BTCUSDT-1m","signal":"HOLD","action":"HOLD","cash":1""" +
            ""","quantity":0,"equity":1,"account":{"cash":1,"quantity":0,"entryPrice":0,"feesPaid":0,"fillCount":0},"startingBalance":1}""",
            "invalid evaluation message: *'candle'" },
        { "a heartbeat whose streams are not a list", "node:node-a",
            Heartbeat.Replace("[\"BTCUSDT-1m\",\"ETHUSDT-5m\"]", "\"BTCUSDT-1m\"", StringComparison.Ordinal), "invalid node message: *$.streams" },
        { "a null signal", Btc.Id, Evaluation.Replace("\"signal\":\"SELL\"", "\"signal\":null", StringComparison.Ordinal), "invalid evaluation message: *signal" },
        { "a fill without its fee", Btc.Id, Evaluation.Replace("\"fee\":9.95,", "", StringComparison.Ordinal), "invalid evaluation message: *'fee'" },
        { "a fill reason as a number", Btc.Id, Evaluation.Replace("\"reason\":\"StopLoss\"", "\"reason\":\"1\"", StringComparison.Ordinal),
            "fill reason '1' is unknown" },
        { "a fill reason in another spelling", Btc.Id, Evaluation.Replace("\"reason\":\"StopLoss\"", "\"reason\":\"STOP_LOSS\"", StringComparison.Ordinal),
            "fill reason 'STOP_LOSS' is unknown" },
        { "a fill side in lower case", Btc.Id, Evaluation.Replace("\"side\":\"SELL\"", "\"side\":\"sell\"", StringComparison.Ordinal),
            "fill side 'sell' is not BUY or SELL" },
        { "not an object", Btc.Id, "[1,2]", "invalid JSON: " },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_message_without_a_known_type_or_not_valid_for_its_type_is_refused_with_the_reason(string name, string? key, string json, string reason)
    {
        var error = StateCodec.TryDeserialize(key, Encoding.UTF8.GetBytes(json), 65_536, out var update, out var heartbeat);

        // A * in the reason stands for any text.
        error.Should().Match("*" + reason + "*", name);
        (update, heartbeat).Should().Be((null, null));
    }
}
