using System.Globalization;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Core.Market;
using CryptoStreamLab.Tests.Core.Strategy;
using CryptoStreamLab.Tests.Core.Trading;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Core.Engine;

/// <summary>The engine against the seed's formulas, recomputed by brute force on 10,000 real AVAXUSDT candles.</summary>
public class SeedParityTests
{
    private const int FirstComparable = 50; // the 51st candle: MA50 full at it and at the one before

    private static readonly IReadOnlyList<Candle> Candles = TestCandles.Avax();
    private static readonly IReadOnlyList<SeedReference.Row> Seed = SeedReference.Compute(Candles);

    [Fact]
    public void Moving_averages_simple_rsi_and_signals_match_the_seed_from_the_51st_candle()
    {
        var engine = new StreamEngine(new StreamKey("AVAXUSDT", KlineInterval.OneMinute),
            new EngineSettings(new StrategyOptions(), new TradingOptions()));
        var evaluations = Candles.Select(c => engine.Apply(c).Current!.Value).ToList();

        var signals = 0;
        for (var i = FirstComparable; i < Candles.Count; i++)
        {
            var (e, s) = (evaluations[i], Seed[i]);
            RelativeError(e.FastMa, (double)s.Ma20).Should().BeLessThan(1e-9, $"MA20 at row {i}");
            RelativeError(e.SlowMa, (double)s.Ma50).Should().BeLessThan(1e-9, $"MA50 at row {i}");
            if (s.Rsi is { } rsi) RelativeError(e.Rsi, (double)rsi).Should().BeLessThan(1e-9, $"RSI at row {i}");
            else e.Rsi.Should().Be(100, $"row {i} has no losses in its window");
            e.Signal.Token().Should().Be(s.Signal, $"signal at row {i}");
            if (s.Signal != "HOLD") signals++;
        }

        signals.Should().BeGreaterThan(10, "the sample must exercise both rules, not only HOLD");
        Seed.Skip(FirstComparable).Should().Contain(r => r.Signal == "SELL");
    }

    [Fact]
    public void The_backtest_verb_with_whole_units_and_no_fee_reproduces_the_seeds_trading()
    {
        var output = Path.Combine(Path.GetTempPath(), $"seed-parity-{Guid.NewGuid():N}.csv");
        try
        {
            var exit = BacktestCommand.Run(
                ["--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", output, "--symbol", "AVAXUSDT",
                 "--Trading:FeeRate=0", "--Trading:QuantityStep=1"],
                TextWriter.Null, TextWriter.Null);
            exit.Should().Be(0);

            var rows = File.ReadLines(output).Skip(1).Select(l => l.Split(',')).ToList();
            rows.Should().HaveCount(Candles.Count);
            var seedStates = SeedReference.Trade(Candles, Seed, FirstComparable);
            var trades = 0;
            for (var i = FirstComparable; i < Candles.Count; i++)
            {
                var (cash, coins) = seedStates[i - FirstComparable];
                decimal.Parse(rows[i][11], CultureInfo.InvariantCulture).Should().Be(cash, $"cash at row {i}");
                decimal.Parse(rows[i][12], CultureInfo.InvariantCulture).Should().Be(coins, $"quantity at row {i}");
                if (rows[i][10] != "HOLD") trades++;
            }

            trades.Should().BeGreaterThan(1);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static double RelativeError(double actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-12);
}
