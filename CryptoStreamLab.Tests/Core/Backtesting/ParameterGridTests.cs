using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Tests.Core.Backtesting;

public class ParameterGridTests
{
    private static readonly EngineSettings Baseline = new(new StrategyOptions(), new TradingOptions());

    private static List<StrategyOptions> Seeds(ParameterGrid grid) => grid.Sets.Select(s => s.SeedOptions!).ToList();

    [Fact]
    public void Ranges_and_lists_expand_to_every_combination_with_the_last_axis_turning_fastest()
    {
        var grid = ParameterGrid.Parse("fast=10:20:5; slow=40,60 ;buyRsiMin=45.5:46.5:0.5", Baseline);

        grid.Sets.Should().HaveCount(3 * 2 * 3);
        grid.Skipped.Should().Be(0);
        Seeds(grid).Select(s => (s.FastPeriod, s.SlowPeriod, s.BuyRsiMin)).Take(4).Should().Equal(
            (10, 40, 45.5), (10, 40, 46.0), (10, 40, 46.5), (10, 60, 45.5));
        Seeds(grid)[^1].Should().BeEquivalentTo(new StrategyOptions { FastPeriod = 20, SlowPeriod = 60, BuyRsiMin = 46.5 });
    }

    [Fact]
    public void Parameters_not_named_keep_the_baselines_values_and_names_ignore_case()
    {
        var baseline = Baseline with { Strategy = new StrategyOptions { RsiPeriod = 7, SellRsiMin = 65 } };
        var grid = ParameterGrid.Parse("RSIPERIOD=9,10;buyrsimax=60", baseline);

        Seeds(grid).Select(s => s.RsiPeriod).Should().Equal(9, 10);
        Seeds(grid).Should().OnlyContain(s => s.BuyRsiMax == 60 && s.SellRsiMin == 65 && s.FastPeriod == 20);
    }

    [Fact]
    public void Combinations_the_engine_would_refuse_are_skipped_and_counted()
    {
        // fast 30 and 40 against slow 30: fast must be shorter.
        var grid = ParameterGrid.Parse("fast=20:40:10;slow=30,50", Baseline);

        Seeds(grid).Select(s => (s.FastPeriod, s.SlowPeriod)).Should().Equal((20, 30), (20, 50), (30, 50), (40, 50));
        grid.Skipped.Should().Be(2);
        grid.FirstSkipReason.Should().Contain("FastPeriod (30) must be shorter");
    }

    [Fact]
    public void Repeated_values_run_once()
    {
        Seeds(ParameterGrid.Parse("fast=10,10:20:10", Baseline)).Select(s => s.FastPeriod).Should().Equal(10, 20);
    }

    [Theory]
    [InlineData("", "*empty*")]
    [InlineData(" ; ", "*names no parameter*")]
    [InlineData("fast", "*'fast' must have the form name=values*")]
    [InlineData("speed=10", "*unknown parameter 'speed'*fast, slow, rsiPeriod*")]
    [InlineData("fast=10;FAST=20", "*'fast' is given twice*")]
    [InlineData("fast=10,,20", "*fast: an empty value in 'fast=10,,20'*")]
    [InlineData("fast=ten", "*fast: 'ten' in 'ten' is not a number*")]
    [InlineData("fast=10.5", "*fast: '10.5'*must be a whole number*")]
    [InlineData("buyRsiMin=1e3", "*'1e3'*not a number*")]
    [InlineData("fast=10:30", "*the range '10:30' must be start:stop:step*")]
    [InlineData("fast=10:30:0", "*the step in '10:30:0' must be above 0*")]
    [InlineData("fast=30:10:5", "*the start in '30:10:5' is above the stop*")]
    [InlineData("buyRsiMin=0:100:0.001", "*more than 10000 values*")]
    [InlineData("fast=1:100:1;slow=101:300:1", "*100 fast × 200 slow*more than the 10000*")]
    [InlineData("fast=60,70;slow=50", "*none of the grid's 2 combinations is valid*FastPeriod (60)*")]
    public void Bad_grids_are_refused_with_a_message_saying_where(string text, string message)
    {
        FluentActions.Invoking(() => ParameterGrid.Parse(text, Baseline)).Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void A_slow_period_the_buffer_cannot_hold_is_skipped()
    {
        var grid = ParameterGrid.Parse("slow=50,2000", Baseline);
        Seeds(grid).Select(s => s.SlowPeriod).Should().Equal(50);
        grid.FirstSkipReason.Should().Contain("buffer capacity");
    }
}
