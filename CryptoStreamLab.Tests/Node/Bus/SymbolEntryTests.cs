using System.Text;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ingest.Binance;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Http;
using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Node.Bus;

/// <summary>
/// A symbol is judged by <see cref="SymbolRules"/> at every entry: a candle on the candle topic, a state message, a
/// command, a Binance frame, an HTTP stream route and the configuration accept or refuse the same symbols, so a candle
/// that is applied always has a state message that is applied too.
/// </summary>
public sealed class SymbolEntryTests
{
    private static readonly long Now = TestCandles.Start.ToUnixTimeMilliseconds() + 3_600_000;

    public static TheoryData<string> Symbols => new()
    {
        "BTCUSDT", "AB", "ABCDEFGHIJKLMNOPQRST", "1000SHIBUSDT", // valid
        "btc-usdt", "BTC-USDT", "btcusdt", "A", "ABCDEFGHIJKLMNOPQRSTU", "BTC USDT", "BTCÜSDT", // not
    };

    [Theory]
    [MemberData(nameof(Symbols))]
    public void The_kline_entry_and_the_state_message_refuse_the_same_symbols_for_the_same_reason(string symbol)
    {
        var valid = SymbolRules.IsValid(symbol);
        var candle = TestCandles.Series(symbol, 1).Single();

        var klineProblem = KlineCodec.TryDeserialize(KlineCodec.Serialize(candle, 1), 65_536, Now, out _, out _);
        var stateProblem = StateCodec.TryDeserialize(Key(symbol), StateCodec.Serialize(Update(candle)), 65_536, out var update, out _);

        if (valid)
        {
            klineProblem.Should().BeNull();
            stateProblem.Should().BeNull();
            update!.Key.Symbol.Should().Be(symbol);
        }
        else
        {
            klineProblem.Should().Be(SymbolRules.Problem(symbol), "the candle topic refuses the symbol by the one rule");
            stateProblem.Should().NotBeNull("a state message for a stream whose candles are refused is refused too");
            // Under a valid stream id, the candle inside the state message is refused in the candle topic's words.
            var underValidId = Update(candle) with { Key = new StreamKey("BTCUSDT", KlineInterval.OneMinute) };
            StateCodec.TryDeserialize("BTCUSDT-1m", StateCodec.Serialize(underValidId), 65_536, out _, out _)
                .Should().Be("candle: " + SymbolRules.Problem(symbol));
        }
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void The_binance_frame_parser_commands_routes_and_configuration_use_the_same_rule(string symbol)
    {
        var valid = SymbolRules.IsValid(symbol);
        var candle = TestCandles.Series("BTCUSDT", 1).Single();
        var frame = $$$"""
            {"e":"kline","E":1,"s":"{{{symbol}}}","k":{"t":{{{candle.OpenTime}}},"T":{{{candle.CloseTime}}},"s":"{{{symbol}}}","i":"1m","o":"100","h":"101","l":"99","c":"100.5","v":"1","n":1,"x":true,"q":"100"}}
            """;
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Now));

        var kind = new BinanceKlineFrameParser(clock).Parse(Encoding.UTF8.GetBytes(frame), out var parsed, out _, out var error);
        (kind == BinanceFrameKind.Kline).Should().Be(valid, error);
        if (valid) parsed.Symbol.Should().Be(symbol);

        var command = new CommandMessage(CommandCodec.ResetType, Key(symbol), "dash-1", "c0ffee", 5);
        (CommandCodec.TryDeserialize(Key(symbol), CommandCodec.Serialize(command), 1024, out _, out _) is null).Should().Be(valid);

        StreamRoute.TryParse(symbol, "1m", out _, out _).Should().Be(valid);
        (StreamKey.TryParseId(Key(symbol)) is not null).Should().Be(valid);
        (new MarketDataOptions { Symbols = [symbol] }.Validate().Any(p => p.Contains("is not a symbol"))).Should().Be(!valid);
    }

    private static string Key(string symbol) => $"{symbol}-1m";

    private static StateUpdate Update(Candle candle) => new(new StreamKey(candle.Symbol, candle.Interval), "node-a", new CandleOrigin(0, 1),
        new Evaluation(candle, SeriesValues.Empty, Signal.Hold, Signal.Hold, null, 10_000m, 0m, 10_000m, IsPreview: false),
        new AccountState(10_000m, 0, 0, 0, 0), 10_000m, 0, candle.OpenTime, Now);
}
