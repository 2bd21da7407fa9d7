using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Tests.Core.Indicators;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Trading;

namespace CryptoStreamLab.Tests.Core.Strategy;

public class CrossoverRsiStrategyTests
{
    private const int Below = -1, Tie = 0, Above = 1;
    private readonly CrossoverRsiStrategy _strategy = new(new StrategyOptions());

    [Fact]
    public void Buys_on_an_upward_cross_with_rsi_strictly_between_50_and_70() =>
        _strategy.Evaluate(Below, Above, rsi: 60).Should().Be(Signal.Buy);

    [Theory]
    [InlineData(50)]
    [InlineData(70)]
    [InlineData(49.99)]
    [InlineData(70.01)]
    public void Does_not_buy_at_or_outside_the_rsi_bounds(double rsi) =>
        _strategy.Evaluate(Below, Above, rsi).Should().Be(Signal.Hold);

    [Fact]
    public void Sells_on_a_downward_cross_with_rsi_strictly_above_70() =>
        _strategy.Evaluate(Above, Below, 70.5).Should().Be(Signal.Sell);

    [Fact]
    public void Does_not_sell_at_rsi_70() => _strategy.Evaluate(Above, Below, 70).Should().Be(Signal.Hold);

    [Theory]
    [InlineData(Tie, Above, 60)]
    [InlineData(Below, Tie, 60)]
    [InlineData(Above, Above, 60)]
    [InlineData(Tie, Below, 80)]
    [InlineData(Above, Tie, 80)]
    [InlineData(Below, Below, 80)]
    public void Ties_and_staying_on_one_side_are_no_crossover(int previousSide, int side, double rsi) =>
        _strategy.Evaluate(previousSide, side, rsi).Should().Be(Signal.Hold);

    [Fact]
    public void Holds_while_rsi_is_not_ready()
    {
        _strategy.Evaluate(Below, Above, double.NaN).Should().Be(Signal.Hold);
        _strategy.Evaluate(Above, Below, double.NaN).Should().Be(Signal.Hold);
    }

    [Fact]
    public void Uses_the_configured_thresholds()
    {
        var strategy = new CrossoverRsiStrategy(new StrategyOptions { BuyRsiMin = 20, BuyRsiMax = 40, SellRsiMin = 30 });
        strategy.Evaluate(Below, Above, 30).Should().Be(Signal.Buy);
        strategy.Evaluate(Below, Above, 60).Should().Be(Signal.Hold);
        strategy.Evaluate(Above, Below, 35).Should().Be(Signal.Sell);
    }

    [Fact]
    public void Crossover_side_is_exact_so_equal_averages_are_a_tie()
    {
        // 0.1 + 0.2 is not 0.3 in binary floating point; in decimal it is, so these averages tie.
        var fast = new SimpleMovingAverage(1);
        var slow = new SimpleMovingAverage(2);
        Crossover.Side(fast, slow).Should().Be(Tie, "nothing is ready yet");
        fast.Update(0.3m);
        slow.Update(0.1m);
        Crossover.Side(fast, slow).Should().Be(Tie, "the slow average is not ready yet");
        Crossover.PreviewSide(fast, slow, PriceTicks.FromDecimal(0.2m)).Should().Be(Above, "preview: fast 0.2 vs slow 0.15");
        slow.Update(0.5m);
        Crossover.Side(fast, slow).Should().Be(Tie);
        fast.Update(0.31m);
        Crossover.Side(fast, slow).Should().Be(Above);
        fast.Update(0.29m);
        Crossover.Side(fast, slow).Should().Be(Below);
    }

    [Fact]
    public void Options_validation_lists_every_problem()
    {
        var problems = new StrategyOptions { FastPeriod = 0, SlowPeriod = 1, RsiPeriod = 0, BuyRsiMin = 80, BuyRsiMax = 60, SellRsiMin = 120 }
            .Validate().ToList();
        problems.Should().Contain(p => p.Contains("Strategy:FastPeriod must be at least 1"))
            .And.Contain(p => p.Contains("Strategy:SlowPeriod must be at least 2"))
            .And.Contain(p => p.Contains("Strategy:RsiPeriod"))
            .And.Contain(p => p.Contains("Strategy:SellRsiMin must be between 0 and 100"))
            .And.Contain(p => p.Contains("BuyRsiMin (80) must be below"));
        new StrategyOptions().Validate().Should().BeEmpty();
    }
}
