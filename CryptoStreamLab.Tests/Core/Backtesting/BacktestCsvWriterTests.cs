using System.Globalization;
using System.Text;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Fakes;

namespace CryptoStreamLab.Tests.Core.Backtesting;

public sealed class BacktestCsvWriterTests
{
    [Fact]
    public void Rows_are_the_text_the_framework_formats_for_each_value()
    {
        var evaluations = new List<Evaluation>();
        Backtester.Run(CsvCandleFeeder.Stream, new EngineSettings(new StrategyOptions { FastPeriod = 5, SlowPeriod = 15 }, new TradingOptions()),
            CsvCandleFeeder.SampleCandles, e => evaluations.Add(e));
        var candle = CsvCandleFeeder.SampleCandles[0];
        // Values whose text is easy to get wrong: trailing zeros, a negative zero, large and tiny doubles, an empty indicator.
        evaluations.Add(new Evaluation(candle with { Open = 10.1280m, Volume = 0.0000m }, Evaluation.SeedSeries(double.NaN, 1e-7, 123456789.125), Signal.Sell, Signal.Hold,
            null, -0.00m, 0m * 10.1280m, 10000.0000m, IsPreview: false));

        var output = new MemoryStream();
        using (var writer = new BacktestCsvWriter(output))
        {
            writer.WriteHeader();
            foreach (var e in evaluations) writer.Write(e);
        }

        var expected = new StringBuilder(BacktestCsvWriter.Header + "\n");
        foreach (var e in evaluations) expected.Append(Reference(e)).Append('\n');
        Encoding.UTF8.GetString(output.ToArray()).Should().Be(expected.ToString());
        evaluations.Should().Contain(e => e.Fill != null, "the sample trades, so cash and quantity take many values");
    }

    // The row as the writer made it with strings before it wrote bytes.
    private static string Reference(Evaluation e)
    {
        static string D(decimal v) => (v / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        static string F(double v) => double.IsNaN(v) ? "" : v.ToString(CultureInfo.InvariantCulture);
        var c = e.Candle;
        return string.Join(',', c.OpenTime.ToString(CultureInfo.InvariantCulture), D(c.Open), D(c.High), D(c.Low), D(c.Close), D(c.Volume),
            F(e.FastMa), F(e.SlowMa), F(e.Rsi), e.Signal.Token(), e.Action.Token(), D(e.Cash), D(e.Quantity), D(e.Equity));
    }
}
