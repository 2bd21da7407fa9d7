using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Core.Indicators;
using CryptoStreamLab.Tests.Core.Strategy;
using CryptoStreamLab.Tests.Core.Trading;

namespace CryptoStreamLab.Tests.Core.Market;

public class CandleRulesTests
{
    private const long Feb1 = 1_769_904_000_000; // 2026-02-01T00:00:00Z, a Sunday
    private const long Minute = 60_000;

    private static Candle Make(string symbol = "BTCUSDT", KlineInterval interval = KlineInterval.OneMinute, long openTime = Feb1, decimal price = 100m) =>
        new(symbol, interval, openTime, interval.CloseTime(openTime), price, price, price, price, 1m, price, 1, true);

    [Theory]
    [InlineData("BTCUSDT", true)]
    [InlineData("1000SHIBUSDT", true)]
    [InlineData("AB", true)]
    [InlineData("ABCDEFGHIJKLMNOPQRST", true)]
    [InlineData("A", false)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU", false)]
    [InlineData("btcusdt", false)]
    [InlineData("btc-usdt", false)]
    [InlineData("../../../fuzz-escape", false)]
    [InlineData("BTC\0USDT", false)]
    [InlineData("BTCÜSDT", false)]
    [InlineData("", false)]
    public void One_symbol_rule_for_the_candle_the_stream_id_and_utf8(string symbol, bool valid)
    {
        SymbolRules.IsValid(symbol).Should().Be(valid);
        SymbolRules.IsValid(System.Text.Encoding.UTF8.GetBytes(symbol)).Should().Be(valid);
        (Make(symbol).Validate() is null).Should().Be(valid);
        (StreamKey.TryParseId(symbol + "-1m") is not null).Should().Be(valid);
    }

    [Fact]
    public void A_refused_symbol_is_shown_escaped_and_short()
    {
        Make("BTC\0" + new string('X', 300)).Validate().Should().StartWith("symbol 'BTC\\u0000XXX").And.Contain("(304 characters)").And.NotContain("\0");
    }

    [Theory]
    [InlineData(KlineInterval.OneMinute, Feb1 + 30_000, false)]
    [InlineData(KlineInterval.OneMinute, Feb1 + Minute, true)]
    [InlineData(KlineInterval.OneSecond, Feb1 + 1_500, false)]
    [InlineData(KlineInterval.OneHour, Feb1 + 30 * Minute, false)]
    [InlineData(KlineInterval.OneDay, Feb1, true)]
    [InlineData(KlineInterval.OneWeek, Feb1, false)]
    [InlineData(KlineInterval.OneWeek, Feb1 + 86_400_000, true)] // Monday
    [InlineData(KlineInterval.OneMonth, Feb1, true)]
    [InlineData(KlineInterval.OneMonth, Feb1 + 86_400_000, false)]
    [InlineData(KlineInterval.ThreeDays, Feb1 + 86_400_000, true)]
    [InlineData(KlineInterval.ThreeDays, Feb1 + Minute, false)]
    public void Open_times_must_lie_on_their_interval_s_grid(KlineInterval interval, long openTime, bool valid)
    {
        var problem = Make(interval: interval, openTime: openTime).Validate();

        if (valid) problem.Should().BeNull();
        else problem.Should().Contain($"is not on a {interval.ToCode()} boundary");
    }

    [Fact]
    public void A_candle_may_open_up_to_one_interval_after_now_and_no_later()
    {
        var now = Feb1 + 10 * Minute + 12_345;

        Make(openTime: Feb1 + 10 * Minute).Validate(now).Should().BeNull("the open candle");
        Make(openTime: Feb1 + 11 * Minute).Validate(now).Should().BeNull("the next candle: one interval of clock skew is tolerated");
        Make(openTime: Feb1 + 12 * Minute).Validate(now).Should().Contain("is in the future");
        Make(openTime: 3_993_148_800_000).Validate(now).Should().Contain("is in the future").And.Contain("2096-07-15");
        Make(openTime: 3_993_148_800_000).Validate().Should().BeNull("without a clock the future cannot be told");
        Make(interval: KlineInterval.OneDay, openTime: Feb1 + 86_400_000).Validate(now).Should().BeNull();
    }

    [Fact]
    public void Prices_the_engine_cannot_represent_are_refused_and_the_limits_themselves_evaluate()
    {
        Make(price: 100_000_000_000m).Validate().Should().Contain("largest price the engine can represent");
        Make(price: 0.000000001m).Validate().Should().Contain("smallest price the engine can represent");
        (Make(price: 1m) with { Volume = 1e20m }).Validate().Should().Contain("more than the engine can represent");

        // Every candle the rules let through must evaluate: the highest and lowest prices, one after the other.
        var engine = new StreamEngine(new StreamKey("BTCUSDT", KlineInterval.OneMinute),
            new EngineSettings(new StrategyOptions { FastPeriod = 2, SlowPeriod = 3, RsiPeriod = 2 }, new TradingOptions(), 16));
        var prices = new[] { CandleRules.MaxPrice, CandleRules.MinPrice, CandleRules.MaxPrice, CandleRules.MinPrice, CandleRules.MaxPrice };
        for (var i = 0; i < prices.Length; i++)
        {
            var candle = Make(openTime: Feb1 + i * Minute, price: prices[i]);
            candle.Validate().Should().BeNull();
            var act = () => engine.Apply(candle);
            act.Should().NotThrow();
        }
    }

    [Fact]
    public void OpenTimeAt_floors_to_the_candle_containing_a_time()
    {
        KlineInterval.OneMinute.OpenTimeAt(Feb1 + 59_999).Should().Be(Feb1);
        KlineInterval.OneWeek.OpenTimeAt(Feb1).Should().Be(Feb1 - 6 * 86_400_000L, "the week began the Monday before");
        KlineInterval.OneMonth.OpenTimeAt(Feb1 + 27 * 86_400_000L).Should().Be(Feb1);
        KlineInterval.OneMinute.OpenTimeAt(-1).Should().Be(-Minute);
    }

    [Fact]
    public void A_kline_row_with_an_unrepresentable_price_fails_with_its_line_instead_of_overflowing_the_backtest()
    {
        var rows = "open_time,open,high,low,close,volume\n" + $"{Feb1},1,2,1,1,5\n" + $"{Feb1 + Minute},1,100000000000,1,1,5\n";
        var act = () => KlineCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rows)), "big.csv", "BTCUSDT", KlineInterval.OneMinute).ToList();

        act.Should().Throw<CsvFormatException>().WithMessage("big.csv:3:*largest price the engine can represent*");
    }

    [Fact]
    public void A_kline_row_off_the_grid_or_from_the_future_fails_with_its_line()
    {
        var misaligned = $"open_time,open,high,low,close,volume\n{Feb1},1,2,1,1,5\n{Feb1 + Minute + 30_000},1,2,1,1,5\n";
        var future = $"open_time,open,high,low,close,volume\n{Feb1},1,2,1,1,5\n3993148800000,1,2,1,1,5\n";

        Read(misaligned, null).Should().Throw<CsvFormatException>().WithMessage("k.csv:3:*not on a 1m boundary*");
        Read(future, Feb1 + 5 * Minute).Should().Throw<CsvFormatException>().WithMessage("k.csv:3:*in the future*");

        static Action Read(string rows, long? now) => () =>
            KlineCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rows)), "k.csv", "BTCUSDT", KlineInterval.OneMinute, now).ToList();
    }
}
