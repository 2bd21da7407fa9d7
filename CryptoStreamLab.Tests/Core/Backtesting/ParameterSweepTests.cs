using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Core.Backtesting;

public class ParameterSweepTests
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly Candle[] Candles = TestCandles.Avax().Take(4_000).ToArray();
    private static readonly EngineSettings Baseline =
        new(new StrategyOptions { BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 }, new TradingOptions());

    [Fact]
    public void Each_set_gets_the_same_result_as_its_own_single_backtest_and_the_best_comes_first()
    {
        var grid = ParameterGrid.Parse("fast=3:9:3;slow=20,40", Baseline);
        var done = new List<int>();

        var results = ParameterSweep.Run(Avax, Baseline, grid.Sets, Candles, maxDegreeOfParallelism: 2, onSetDone: n => { lock (done) done.Add(n); });

        results.Should().HaveCount(6);
        results.Select(r => r.Index).Should().BeEquivalentTo(Enumerable.Range(0, 6));
        results.Select(r => r.Statistics.NetProfit).Should().BeInDescendingOrder();
        done.Should().BeEquivalentTo(Enumerable.Range(1, 6), "every set reports once, counting up to the total");
        foreach (var result in results)
        {
            var single = Backtester.Run(Avax, Baseline.With(result.Setup), Candles);
            result.Statistics.Should().Be(single.Statistics, $"set {result.Index} ({result.Setup.SeedOptions!.FastPeriod}/{result.Setup.SeedOptions.SlowPeriod})");
        }

        results.Select(r => r.Statistics.NetProfit).Distinct().Should().HaveCountGreaterThan(1, "different parameters must trade differently");
    }

    [Fact]
    public void Equal_profits_keep_grid_order()
    {
        // RSI thresholds no candle can meet: no set trades, every profit is 0.
        var never = Baseline with { Strategy = new StrategyOptions { BuyRsiMin = 99.9, BuyRsiMax = 99.95, SellRsiMin = 100 } };
        var grid = ParameterGrid.Parse("fast=5,6,7", never);

        var results = ParameterSweep.Run(Avax, never, grid.Sets, Candles);

        results.Select(r => r.Statistics.NetProfit).Should().OnlyContain(p => p == 0);
        results.Select(r => r.Index).Should().Equal(0, 1, 2);
    }

    [Fact]
    public void Cancelling_stops_the_sweep()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var sets = ParameterGrid.Parse("fast=5,6", Baseline).Sets;

        FluentActions.Invoking(() => ParameterSweep.Run(Avax, Baseline, sets, Candles, cancellationToken: cancel.Token))
            .Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void The_csv_has_one_ranked_row_per_set_with_empty_cells_for_undefined_statistics()
    {
        var never = Baseline with { Strategy = new StrategyOptions { BuyRsiMin = 99.9, BuyRsiMax = 99.95, SellRsiMin = 100 } };
        var results = ParameterSweep.Run(Avax, never, ParameterGrid.Parse("fast=5,6", never).Sets, Candles);
        var text = new StringWriter();

        new SweepCsvWriter(text).Write(results);

        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[0].Should().Be(SweepCsvWriter.Header);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        row.Should().HaveCount(header.Length);
        row[0].Should().Be("1");
        row[Array.IndexOf(header, "fast")].Should().Be("5");
        row[Array.IndexOf(header, "rsi_method")].Should().Be("Simple");
        row[Array.IndexOf(header, "buy_rsi_min")].Should().Be("99.9");
        row[Array.IndexOf(header, "net_profit")].Should().Be("0", "trailing zeros are dropped as in the per-candle rows");
        row[Array.IndexOf(header, "win_rate_pct")].Should().BeEmpty("no round trip was made");
        row[Array.IndexOf(header, "sharpe")].Should().BeEmpty("equity never moved");
        lines[2].Split(',')[Array.IndexOf(header, "fast")].Should().Be("6");
    }
}
