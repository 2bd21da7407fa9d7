using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Core.Indicators;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Strategy;

namespace CryptoStreamLab.Tests.Core.Trading;

/// <summary>The one owner of the text of signals, sides and reasons: every value has a text in every format, and parsing gives it back.</summary>
public sealed class TradeTextTests
{
    [Fact]
    public void Every_signal_has_a_distinct_token_and_lower_text_and_its_token_parses_back()
    {
        Enum.GetValues<Signal>().Select(s => s.Token()).Should().Equal("HOLD", "BUY", "SELL");
        Enum.GetValues<Signal>().Select(s => s.Lower()).Should().Equal("hold", "buy", "sell");
        foreach (var signal in Enum.GetValues<Signal>()) TradeText.SignalFromToken(signal.Token()).Should().Be(signal);
    }

    [Fact]
    public void Every_side_has_a_distinct_text_in_each_format_and_parses_back()
    {
        Enum.GetValues<TradeSide>().Select(s => s.Token()).Should().Equal("BUY", "SELL");
        Enum.GetValues<TradeSide>().Select(s => s.Name()).Should().Equal("Buy", "Sell");
        Enum.GetValues<TradeSide>().Select(s => s.Lower()).Should().Equal("buy", "sell");
        foreach (var side in Enum.GetValues<TradeSide>())
        {
            TradeText.SideFromToken(side.Token()).Should().Be(side);
            TradeText.SideFromName(side.Name()).Should().Be(side);
        }
    }

    [Fact]
    public void Every_reason_has_a_distinct_text_in_each_format_and_its_name_parses_back()
    {
        var reasons = Enum.GetValues<FillReason>();
        reasons.Select(r => r.Token()).Should().Equal("SIGNAL", "STOP_LOSS", "TAKE_PROFIT");
        reasons.Select(r => r.Name()).Should().Equal("Signal", "StopLoss", "TakeProfit");
        reasons.Select(r => r.Lower()).Should().Equal("signal", "stoploss", "takeprofit");
        reasons.Select(r => r.Words()).Should().Equal("signal", "stop loss", "take profit");
        foreach (var reason in reasons) TradeText.ReasonFromName(reason.Name()).Should().Be(reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("buy")]
    [InlineData(" BUY")]
    [InlineData("1")]
    [InlineData("Buy")]
    public void Text_in_another_format_casing_or_a_number_does_not_parse_as_a_token(string? text)
    {
        TradeText.SignalFromToken(text).Should().BeNull();
        TradeText.SideFromToken(text).Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("stoploss")]
    [InlineData("STOP_LOSS")]
    [InlineData("stop loss")]
    public void Only_a_reasons_exact_name_parses(string? text) => TradeText.ReasonFromName(text).Should().BeNull();

    [Fact]
    public void A_value_outside_its_enum_has_no_text()
    {
        var act = () => ((FillReason)7).Name();
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*FillReason has no value 7*");
        ((Action)(() => ((Signal)9).Token())).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => ((TradeSide)2).Lower())).Should().Throw<ArgumentOutOfRangeException>();
    }
}
