using System.Text;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest.Binance;
using CryptoStreamLab.Tests.Fakes;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class BinanceKlineFrameParserTests
{
    // Binance's documented kline payload in a combined-stream envelope. The documentation's example has a low
    // (0.0015) above its open (0.0010), which the parser rightly refuses, so the low here is 0.0009.
    private const string Documented = """
        {"stream":"bnbbtc@kline_1m","data":{"e":"kline","E":1672515782136,"s":"BNBBTC","k":{"t":1672515780000,"T":1672515839999,
        "s":"BNBBTC","i":"1m","f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025","l":"0.0009","v":"1000","n":100,"x":false,
        "q":"1.0000","V":"500","Q":"0.500","B":"123456"}}}
        """;

    private static BinanceFrameKind Parse(BinanceKlineFrameParser parser, string json, out Candle candle, out long eventTime, out string? error) =>
        parser.Parse(Encoding.UTF8.GetBytes(json), out candle, out eventTime, out error);

    [Fact]
    public void Parses_the_documented_combined_stream_kline_exactly()
    {
        var kind = Parse(new BinanceKlineFrameParser(), Documented, out var candle, out var eventTime, out var error);

        kind.Should().Be(BinanceFrameKind.Kline, error);
        eventTime.Should().Be(1672515782136);
        candle.Should().Be(new Candle("BNBBTC", KlineInterval.OneMinute, 1672515780000, 1672515839999,
            0.0010m, 0.0025m, 0.0009m, 0.0020m, 1000m, 1.0000m, 100, false));
        candle.Open.Scale.Should().Be(4, "decimals keep the scale Binance sent");
    }

    [Fact]
    public void Parses_a_raw_stream_frame_and_a_closed_candle_in_any_field_order()
    {
        const string raw = """{"k":{"x":true,"q":"5","n":7,"v":"2","l":"9","h":"12","c":"11","o":"10","i":"4h","s":"ETHUSDT","T":1672531199999,"t":1672516800000},"s":"ETHUSDT","E":5,"e":"kline"}""";

        Parse(new BinanceKlineFrameParser(), raw, out var candle, out var eventTime, out _).Should().Be(BinanceFrameKind.Kline);

        candle.Should().Be(new Candle("ETHUSDT", KlineInterval.FourHours, 1672516800000, 1672531199999, 10m, 12m, 9m, 11m, 2m, 5m, 7, true));
        eventTime.Should().Be(5);
    }

    [Fact]
    public void Reuses_one_string_per_symbol()
    {
        var parser = new BinanceKlineFrameParser();
        Parse(parser, Documented, out var first, out _, out _);
        Parse(parser, Documented, out var second, out _, out _);

        ReferenceEquals(first.Symbol, second.Symbol).Should().BeTrue();
    }

    [Fact]
    public void Recognises_server_shutdown_and_ignores_other_messages()
    {
        var parser = new BinanceKlineFrameParser();
        Parse(parser, """{"e":"serverShutdown","E":1}""", out _, out _, out _).Should().Be(BinanceFrameKind.ServerShutdown);
        Parse(parser, """{"stream":"x","data":{"e":"serverShutdown","E":1}}""", out _, out _, out _).Should().Be(BinanceFrameKind.ServerShutdown);
        Parse(parser, """{"result":null,"id":1}""", out _, out _, out _).Should().Be(BinanceFrameKind.Other);
        Parse(parser, """{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"p":"1.0"}}""", out _, out _, out _).Should().Be(BinanceFrameKind.Other);
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"stream":"a","data":[1]}""", "\"data\" is not an object")]
    [InlineData("""{"e":"kline","E":1}""", "without \"k\"")]
    [InlineData("""{"e":"kline","k":{"t":0,"T":59999,"s":"BTCUSDT","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "without \"E\"")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"BTCUSDT","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false}}""", "lacks field(s) \"q\"")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"BTCUSDT","i":"7m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "\"i\" has an unusable value")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"BTCUSDT","i":"1m","o":"1.2.3","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "\"o\" has an unusable value")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":"0","T":59999,"s":"BTCUSDT","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "\"t\" has an unusable value")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"btc usdt","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "\"s\" has an unusable value")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"BTCUSDT","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":"no","q":"1"}}""", "\"x\" has an unusable value")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"BTCUSDT","i":"1m","o":"5","h":"4","l":"1","c":"2","v":"1","n":1,"x":false,"q":"1"}}""", "outside low 1 .. high 4")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"BTCUSDT","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}""", "invalid JSON")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":0,"T":59999,"s":"ABCDEFGHIJKLMNOPQRSTU","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "\"s\" has an unusable value")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":3993148800000,"T":3993148859999,"s":"BTCUSDT","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "is in the future")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":1769904030000,"T":1769904089999,"s":"BTCUSDT","i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "not on a 1m boundary")]
    [InlineData("""{"e":"kline","E":1,"k":{"t":1769904000000,"T":1769904059999,"s":"BTCUSDT","i":"1m","o":"1","h":"100000000000","l":"1","c":"1","v":"1","n":1,"x":false,"q":"1"}}""", "largest price the engine can represent")]
    public void Reports_what_is_wrong_with_a_malformed_frame(string frame, string expected)
    {
        Parse(new BinanceKlineFrameParser(), frame, out _, out _, out var error).Should().Be(BinanceFrameKind.Malformed);

        error.Should().Contain(expected);
    }

    [Fact]
    public void Frames_from_the_fake_round_trip_to_the_same_candle()
    {
        var original = FakeMarket.Closed("BTCUSDT", 42);

        Parse(new BinanceKlineFrameParser(), FakeMarket.Frame(original, eventTime: 9), out var candle, out var eventTime, out _)
            .Should().Be(BinanceFrameKind.Kline);

        candle.Should().Be(original);
        eventTime.Should().Be(9);
    }
}
