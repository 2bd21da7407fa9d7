using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Core.Indicators;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Strategy;

namespace CryptoStreamLab.Tests.Core.Trading;

public class PaperAccountTests
{
    [Fact]
    public void Buy_spends_all_cash_on_a_quantity_rounded_down_to_the_step_and_pays_the_fee()
    {
        var account = new PaperAccount(new TradingOptions());
        var fill = account.Execute(Signal.Buy, 1, 23_456.78m);

        // 10,000 / (23,456.78 × 1.001) = 0.4258900… → 0.42589 at the 0.00001 step.
        fill.Should().NotBeNull();
        fill!.Value.Quantity.Should().Be(0.42589m);
        fill.Value.Fee.Should().Be(0.42589m * 23_456.78m * 0.001m);
        account.Cash.Should().Be(10_000m - 0.42589m * 23_456.78m - fill.Value.Fee);
        account.Cash.Should().BeGreaterThanOrEqualTo(0);
        account.Quantity.Should().Be(0.42589m);
        account.EquityAt(23_456.78m).Should().Be(account.Cash + 0.42589m * 23_456.78m);
    }

    [Fact]
    public void Sell_sells_the_whole_position_at_the_close_less_the_fee()
    {
        var account = new PaperAccount(new TradingOptions { FeeRate = 0.001m, QuantityStep = 0.01m });
        account.Execute(Signal.Buy, 1, 100m);
        var cashAfterBuy = account.Cash;

        var fill = account.Execute(Signal.Sell, 2, 110m)!.Value;

        fill.Side.Should().Be(TradeSide.Sell);
        fill.Quantity.Should().Be(99.9m);
        fill.Fee.Should().Be(99.9m * 110m * 0.001m);
        account.Cash.Should().Be(cashAfterBuy + 99.9m * 110m - fill.Fee);
        account.Quantity.Should().Be(0);
        account.FeesPaid.Should().Be(99.9m * 100m * 0.001m + fill.Fee);
        account.FillCount.Should().Be(2);
    }

    [Fact]
    public void Whole_unit_trading_without_fees_is_the_seeds_budget_floor_division()
    {
        var account = new PaperAccount(new TradingOptions { FeeRate = 0, QuantityStep = 1 });
        account.Execute(Signal.Buy, 1, 59.45m)!.Value.Quantity.Should().Be(168m);
        account.Cash.Should().Be(10_000m - 168m * 59.45m);
    }

    [Fact]
    public void A_buy_that_rounds_to_zero_does_not_fill()
    {
        // The seed would log "BUY 0 BTC" here: 10,000 // 23,456 = 0.
        var account = new PaperAccount(new TradingOptions { FeeRate = 0, QuantityStep = 1 });
        account.Execute(Signal.Buy, 1, 23_456m).Should().BeNull();
        account.Cash.Should().Be(10_000m);
        account.FillCount.Should().Be(0);
    }

    [Fact]
    public void Buy_with_a_position_and_sell_without_one_do_nothing()
    {
        var account = new PaperAccount(new TradingOptions());
        account.Execute(Signal.Sell, 1, 100m).Should().BeNull();
        account.Execute(Signal.Buy, 2, 100m).Should().NotBeNull();
        var state = account.State;
        account.Execute(Signal.Buy, 3, 90m).Should().BeNull();
        account.Execute(Signal.Hold, 4, 90m).Should().BeNull();
        account.State.Should().Be(state);
    }

    [Fact]
    public void Stop_loss_and_take_profit_sell_on_the_close_when_configured()
    {
        var stop = new PaperAccount(new TradingOptions { StopLossPct = 0.05m, FeeRate = 0 });
        stop.Execute(Signal.Buy, 1, 100m);
        stop.Execute(Signal.Hold, 2, 95.01m).Should().BeNull();
        stop.Execute(Signal.Hold, 3, 95m)!.Value.Reason.Should().Be(FillReason.StopLoss);

        var take = new PaperAccount(new TradingOptions { TakeProfitPct = 0.1m, FeeRate = 0 });
        take.Execute(Signal.Buy, 1, 100m);
        take.Execute(Signal.Hold, 2, 109.99m).Should().BeNull();
        take.Execute(Signal.Hold, 3, 110m)!.Value.Reason.Should().Be(FillReason.TakeProfit);
    }

    [Fact]
    public void Restore_and_reset_put_the_account_in_the_given_state()
    {
        var account = new PaperAccount(new TradingOptions());
        account.Restore(new AccountState(123m, 2m, 50m, 1m, 3));
        account.EquityAt(60m).Should().Be(243m);
        account.HasPosition.Should().BeTrue();
        account.Reset();
        account.State.Should().Be(new AccountState(10_000m, 0, 0, 0, 0));
        FluentActions.Invoking(() => account.Restore(new AccountState(-1, 0, 0, 0, 0))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Options_validation_lists_every_problem()
    {
        var problems = new TradingOptions { StartingBalance = 0, FeeRate = -0.1m, QuantityStep = 0, StopLossPct = 1.5m, TakeProfitPct = 0 }
            .Validate().ToList();
        problems.Should().HaveCount(5).And.OnlyContain(p => p.StartsWith("Trading:"));
        FluentActions.Invoking(() => new PaperAccount(new TradingOptions { QuantityStep = 0 }))
            .Should().Throw<ArgumentException>().WithMessage("*QuantityStep*");
    }
}
