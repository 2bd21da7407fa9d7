using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Strategy;
using CryptoStreamLab.Tests.Core.Trading;

namespace CryptoStreamLab.Tests.Core.Indicators;

public class SimpleMovingAverageTests
{
    [Fact]
    public void Is_not_ready_until_the_window_is_full_then_averages_the_last_n_values()
    {
        var sma = new SimpleMovingAverage(3);
        sma.Update(1);
        sma.Update(2);
        sma.IsReady.Should().BeFalse();
        double.IsNaN(sma.Value).Should().BeTrue();

        sma.Update(3);
        sma.IsReady.Should().BeTrue();
        sma.Value.Should().Be(2);

        sma.Update(10);
        sma.Value.Should().Be(5);
    }

    [Fact]
    public void Preview_gives_the_next_value_without_changing_state_however_often_it_is_called()
    {
        var sma = new SimpleMovingAverage(3);
        foreach (var v in new decimal[] { 1, 2, 3 }) sma.Update(v);

        for (var i = 0; i < 5; i++) sma.Preview(100 + i).Should().Be((2 + 3 + 100 + i) / 3d);

        sma.Value.Should().Be(2);
        sma.Update(4);
        sma.Value.Should().Be(3);
    }

    [Fact]
    public void Preview_of_the_value_that_completes_the_window_is_defined_before_it_is_committed()
    {
        var sma = new SimpleMovingAverage(2);
        double.IsNaN(sma.Preview(5)).Should().BeTrue();
        sma.Update(4);
        sma.Preview(6).Should().Be(5);
        sma.IsReady.Should().BeFalse();
    }

    [Fact]
    public void Reset_forgets_everything()
    {
        var sma = new SimpleMovingAverage(2);
        sma.Update(1);
        sma.Update(2);
        sma.Reset();
        sma.IsReady.Should().BeFalse();
        sma.Update(7);
        sma.Update(9);
        sma.Value.Should().Be(8);
    }

    [Fact]
    public void Rejects_a_period_below_one() =>
        FluentActions.Invoking(() => new SimpleMovingAverage(0)).Should().Throw<ArgumentOutOfRangeException>();
}

public class PriceTicksTests
{
    [Theory]
    [InlineData("59.45", 5_945_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("-12.5", -1_250_000_000L)]
    [InlineData("100000", 10_000_000_000_000L)]
    [InlineData("0.000000015", 2L)] // beyond eight decimals: nearest tick, ties to even
    [InlineData("0.000000025", 2L)]
    [InlineData("79228162514.26433759354395033", 7_922_816_251_426_433_759L)]
    public void Converts_decimals_to_exact_integer_ticks(string text, long ticks) =>
        PriceTicks.FromDecimal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(ticks);

    [Fact]
    public void Rejects_values_beyond_the_tick_range() =>
        FluentActions.Invoking(() => PriceTicks.FromDecimal(1e12m)).Should().Throw<OverflowException>();
}
