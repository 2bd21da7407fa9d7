using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Components.Dashboard;

using static CryptoStreamLab.Tests.Web.Components.Snapshots;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

/// <summary>The comparison's figures from hand-made curves and fills, worked out here by hand.</summary>
public sealed class StrategyStandingsTests
{
    private static readonly StreamKey Key = new("LTCUSDT", KlineInterval.OneMinute);

    [Fact]
    public void Drawdown_round_trips_win_rate_and_sharpe_come_from_the_curve_and_its_fills()
    {
        // Bought 100 at 100 on the first candle, sold at 102 on the fourth.
        var buy = new Fill(T0, TradeSide.Buy, 100m, 100m, Fee: 10m, CashAfter: -10m, QuantityAfter: 100m);
        var sell = new Fill(T0 + 3 * 60_000, TradeSide.Sell, 102m, 100m, Fee: 10.2m, CashAfter: 10_179.8m, QuantityAfter: 0);
        var view = View([10_000m, 10_100m, 9_900m, 10_200m, 10_200m], [buy, sell], account: new AccountState(10_200m, 0, 0, 20.2m, 2));

        var standing = StrategyStandings.Of("seed", view);

        standing.Name.Should().Be("seed");
        standing.ReturnPct.Should().Be(2m, "the account is worth 10,200 on a starting balance of 10,000");
        standing.MaxDrawdownPct.Should().Be(decimal.Round(200m / 10_100m * 100m, 4), "from the 10,100 peak down to 9,900");
        standing.Fills.Should().Be(2);
        standing.RoundTrips.Should().Be(1);
        standing.WinRatePct.Should().Be(100m, "sold for 10,189.8 what cost 10,010");
        double[] returns = [0, 10_100.0 / 10_000 - 1, 9_900.0 / 10_100 - 1, 10_200.0 / 9_900 - 1, 0];
        var mean = returns.Average();
        var sigma = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1));
        standing.Sharpe.Should().BeApproximately(mean / sigma * Math.Sqrt(525_600), 1e-6, "per-candle returns, annualised over a year of minutes");
    }

    [Fact]
    public void A_sell_of_a_position_bought_before_the_curve_is_no_round_trip_and_a_flat_curve_has_no_sharpe()
    {
        var sell = new Fill(T0 + 60_000, TradeSide.Sell, 50m, 10m, Fee: 0.5m, CashAfter: 10_000m, QuantityAfter: 0);

        var standing = StrategyStandings.Of("late", View([10_000m, 10_000m, 10_000m], [sell], account: new AccountState(10_000m, 0, 0, 0, 3)));

        standing.RoundTrips.Should().Be(0);
        standing.WinRatePct.Should().BeNull();
        standing.Sharpe.Should().BeNull();
        standing.MaxDrawdownPct.Should().Be(0);
        standing.Fills.Should().Be(3, "the account's fills since its reset, as the API counts them");
    }

    [Fact]
    public void An_account_without_a_curve_stands_at_zero()
    {
        var standing = StrategyStandings.Of("new", StreamSnapshot.Empty(Key, 10_000m));

        standing.Should().Be(new StrategyStanding("new", 0, 0, 0, 0, null, null));
    }

    [Fact]
    public void Rank_puts_the_best_return_first_and_keeps_the_order_of_equals()
    {
        var views = new (string, StreamSnapshot)[]
        {
            ("a", View([10_000m], [], account: new AccountState(10_500m, 0, 0, 0, 0))),
            ("b", View([10_000m], [], account: new AccountState(9_800m, 0, 0, 0, 0))),
            ("c", View([10_000m], [], account: new AccountState(11_000m, 0, 0, 0, 0))),
            ("d", View([10_000m], [], account: new AccountState(10_500m, 0, 0, 0, 0))),
        };

        StrategyStandings.Rank(views).Select(s => (s.Name, s.ReturnPct)).Should().Equal(("c", 10m), ("a", 5m), ("d", 5m), ("b", -2m));
    }

    [Fact]
    public void Buy_and_hold_is_the_starting_balance_times_each_close_over_the_first_closed_one_in_the_window()
    {
        Candle[] candles = [Candle(0, 80m), Candle(1, 100m), Candle(2, 110m), Candle(3, 90m), Candle(4, 95m, closed: false)];

        var hold = StrategyStandings.BuyAndHold(candles, from: candles[1].OpenTime, startingBalance: 10_000m);

        hold.Should().Equal((candles[1].OpenTime, 10_000m), (candles[2].OpenTime, 11_000m), (candles[3].OpenTime, 9_000m));
        StrategyStandings.BuyAndHold(candles, from: candles[4].OpenTime, 10_000m).Should().BeEmpty("the open candle is not part of a curve");
    }

    [Fact]
    public void The_curves_version_changes_with_a_new_point_or_a_reset_and_not_otherwise()
    {
        var one = View([10_000m, 10_100m], [], account: new AccountState(10_100m, 0, 0, 0, 0));
        var same = View([10_000m, 10_100m], [], account: new AccountState(10_100m, 0, 0, 0, 0)) with { Version = 99 };
        var longer = View([10_000m, 10_100m, 10_050m], [], account: new AccountState(10_050m, 0, 0, 0, 0));
        var reset = View([], [], account: new AccountState(10_000m, 0, 0, 0, 0));

        var version = StrategyStandings.CurvesVersion([one, reset]);

        StrategyStandings.CurvesVersion([same, reset]).Should().Be(version);
        StrategyStandings.CurvesVersion([longer, reset]).Should().NotBe(version);
        StrategyStandings.CurvesVersion([one, one]).Should().NotBe(version);
    }

    // A view whose curve has a point per minute from T0 on; the newest candle closes at 100, which values the account.
    private static StreamSnapshot View(decimal[] equities, Fill[] fills, AccountState account)
    {
        var curve = equities.Select((equity, i) => new EquityPoint(T0 + i * 60_000L, 100m, equity, 0, equity)).ToArray();
        var last = Candle(Math.Max(0, equities.Length - 1), 100m);
        Evaluation latest = Evaluate(last);
        return new StreamSnapshot(Key, 1, [last], [latest], latest, fills, curve, account, 10_000m, 0, null, "s");
    }
}
