using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary><c>backtest --input --from --to</c> on the AVAXUSDT sample (2026-02-01T00:00Z to 2026-02-07T22:39Z).</summary>
public sealed class BacktestRangeCommandTests : IDisposable
{
    private static readonly string Input = TestCandles.PathOf(TestCandles.AvaxFile);
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly Candle[] Candles = TestCandles.Avax().ToArray();
    private static readonly string[] Strategy = ["--Strategy:FastPeriod=7", "--Strategy:SlowPeriod=25", "--Strategy:BuyRsiMin=30", "--Strategy:BuyRsiMax=90", "--Strategy:SellRsiMin=20"];
    private static readonly EngineSettings Settings = new(new StrategyOptions { FastPeriod = 7, SlowPeriod = 25, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 }, new TradingOptions());

    private readonly string _directory = Directory.CreateTempSubdirectory("backtest-range-").FullName;
    private StringWriter _out = new();
    private StringWriter _err = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Output => Path.Combine(_directory, "rows.csv");

    private int Run(params string[] args)
    {
        (_out, _err) = (new StringWriter(), new StringWriter());
        return BacktestCommand.Run(args, _out, _err);
    }

    private static long Ms(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [Fact]
    public void Rows_and_statistics_cover_from_inclusive_to_exclusive_and_the_earlier_candles_only_warm()
    {
        Run(["--input", Input, "--output", Output, "--from", "2026-02-03", "--to", "2026-02-04T06:00", "--format", "json", .. Strategy]).Should().Be(0, _err.ToString());

        var rows = File.ReadAllLines(Output);
        rows.Should().HaveCount(1 + 30 * 60);
        rows[1].Should().StartWith(Ms("2026-02-03T00:00:00Z") + ",");
        rows[^1].Should().StartWith(Ms("2026-02-04T05:59:00Z") + ",");
        var first = rows[1].Split(',');
        first[7].Should().NotBeEmpty("the slow average was warmed on the candles before --from");
        first[11..].Should().Equal("10000", "0", "10000");
        rows.Skip(1).Select(r => r.Split(',')[10]).Should().Contain("BUY");

        using var json = JsonDocument.Parse(_out.ToString());
        json.RootElement.GetProperty("candles").GetInt32().Should().Be(1_800);
        var expected = Backtester.Run(Avax, Settings, Candles, new TimeWindow(Ms("2026-02-03T00:00:00Z"), Ms("2026-02-04T06:00:00Z"))).Statistics;
        json.RootElement.GetProperty("statistics").GetProperty("netProfit").GetDecimal().Should().Be(expected.NetProfit);
        json.RootElement.GetProperty("statistics").GetProperty("candles").GetInt32().Should().Be(1_800, "warm-up candles are not in the statistics");
    }

    [Fact]
    public void Either_end_may_be_left_out()
    {
        Run(["--input", Input, "--output", Output, "--from", "2026-02-07T12:00:00Z", .. Strategy]).Should().Be(0, _err.ToString());
        File.ReadLines(Output).Should().HaveCount(1 + Candles.Count(c => c.OpenTime >= Ms("2026-02-07T12:00:00Z")));
        _out.ToString().Should().StartWith($"AVAXUSDT 1m: {Candles.Count(c => c.OpenTime >= Ms("2026-02-07T12:00:00Z"))} candles");

        Run(["--input", Input, "--output", Output, "--to", "2026-02-01T02:00:00+01:00", .. Strategy]).Should().Be(0, _err.ToString());
        File.ReadLines(Output).Should().HaveCount(1 + 60, "02:00 at +01:00 is 01:00 UTC, an hour after the first candle");
    }

    [Theory]
    [InlineData("--from", "2026-03-01", "--to", "2026-03-02", "backtest: {0} has no AVAXUSDT 1m candles from 2026-03-01T00:00:00Z to 2026-03-02T00:00:00Z.")]
    [InlineData("--from", "2026-02-08", "--to", "", "backtest: {0} has no AVAXUSDT 1m candles from 2026-02-08T00:00:00Z on.")]
    [InlineData("--from", "2026-02-03", "--to", "2026-02-02", "backtest: --from 2026-02-03T00:00:00Z must be before --to 2026-02-02T00:00:00Z (--to is exclusive).")]
    [InlineData("--from", "2026-02-03", "--to", "2026-02-03", "backtest: --from 2026-02-03T00:00:00Z must be before --to 2026-02-03T00:00:00Z (--to is exclusive).")]
    [InlineData("--from", "3 Feb", "--to", "", "backtest: --from '3 Feb' is not a date or time; use 2026-02-01 or 2026-02-01T12:00:00Z (UTC unless an offset is given).")]
    public void A_range_without_candles_or_not_in_order_exits_2_with_the_reason_and_writes_nothing(string o1, string v1, string o2, string v2, string message)
    {
        string[] range = v2.Length == 0 ? [o1, v1] : [o1, v1, o2, v2];
        foreach (string[] mode in new[] { Array.Empty<string>(), ["--sweep", "fast=5,7"], ["--sweep", "fast=5,7", "--walk-forward", "1d:1d"] })
        {
            Run(["--input", Input, "--output", Output, .. range, .. mode]).Should().Be(2, string.Join(" ", mode));
            _err.ToString().Trim().Should().Be(string.Format(CultureInfo.InvariantCulture, message, Input));
            File.Exists(Output).Should().BeFalse();
            File.Exists(Output + ".partial").Should().BeFalse();
        }
    }

    [Fact]
    public void A_sweep_over_a_range_ranks_each_set_by_its_own_backtest_over_that_range()
    {
        var sweep = Path.Combine(_directory, "sweep.csv");
        Run(["--input", Input, "--output", sweep, "--from", "2026-02-02", "--to", "2026-02-05", "--sweep", "fast=5,7;slow=25,40", .. Strategy]).Should().Be(0, _err.ToString());

        _out.ToString().Should().Contain("4 parameter sets × 4320 candles");
        var window = new TimeWindow(Ms("2026-02-02T00:00:00Z"), Ms("2026-02-05T00:00:00Z"));
        foreach (var row in File.ReadLines(sweep).Skip(1).Select(r => r.Split(',')))
        {
            var strategy = Settings.Strategy.Clone();
            (strategy.FastPeriod, strategy.SlowPeriod) = (int.Parse(row[1], CultureInfo.InvariantCulture), int.Parse(row[2], CultureInfo.InvariantCulture));
            var single = Backtester.Run(Avax, Settings with { Strategy = strategy }, Candles, window).Statistics;
            decimal.Parse(row[8], CultureInfo.InvariantCulture).Should().Be(single.NetProfit);
        }
    }
}
