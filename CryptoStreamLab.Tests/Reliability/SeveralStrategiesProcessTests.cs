using System.Globalization;
using System.Text.Json;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// The real app as a process replays held-out files with three strategies on every stream — the seed's, a Rules
/// strategy and a C# strategy file — and each (stream, strategy) ends with the fills and account that
/// <c>backtest --strategy</c> gives on the same file.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class SeveralStrategiesProcessTests : IDisposable
{
    private static readonly (string File, string Symbol)[] Files =
        [(TestCandles.AvaxFile, "AVAXUSDT"), ("LTCUSDT-1m-2026-02-first3000.csv.gz", "LTCUSDT")];

    private static readonly string[] Strategies = ["busy", "rules", "ema"];

    private readonly TempFolder _dir = new("several-strategies-app-");

    public void Dispose() => _dir.Dispose();

    /// <summary>The strategies, the same for the app and for each backtest.</summary>
    private Dictionary<string, string> StrategySettings() => new()
    {
        ["Strategies:Path"] = StrategyFolder(),
        ["Strategies:0:Name"] = "busy",
        ["Strategies:0:Type"] = "CrossoverRsi",
        ["Strategies:0:FastPeriod"] = "5",
        ["Strategies:0:SlowPeriod"] = "15",
        ["Strategies:0:BuyRsiMin"] = "0",
        ["Strategies:0:BuyRsiMax"] = "100",
        ["Strategies:0:SellRsiMin"] = "0",
        ["Strategies:1:Name"] = "rules",
        ["Strategies:1:Type"] = "Rules",
        ["Strategies:1:Buy"] = "crossover(ema(close, 8), sma(close, 21)) and rsi(close, 14) < 70",
        ["Strategies:1:Sell"] = "crossunder(ema(close, 8), sma(close, 21)) or close < lowest(low, 30)",
        ["Strategies:2:Name"] = "ema",
        ["Strategies:2:Type"] = "EmaCross",
        ["Strategies:2:Fast"] = "6",
    };

    private string StrategyFolder()
    {
        var folder = Path.Combine(_dir.Path, "strategies");
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(RepositoryPaths.Root, "docs", "examples", "EmaCross.cs"), Path.Combine(folder, "EmaCross.cs"));
        }

        return folder;
    }

    [Fact]
    public async Task Every_stream_and_strategy_ends_where_its_backtest_on_the_same_file_ends()
    {
        var settings = StrategySettings();
        settings["MarketData:Source"] = "Replay";
        for (var i = 0; i < Files.Length; i++) settings[$"MarketData:Replay:Files:{i}"] = TestCandles.PathOf(Files[i].File);
        settings["MarketData:Replay:Speed"] = "0";
        settings["MarketData:Replay:Loop"] = "false";
        settings["MarketData:Replay:Backfill"] = "00:00:00";
        settings["MarketData:Replay:UpdatesPerCandle"] = "2";
        settings["Storage:Path"] = _dir.Path;
        settings["Logging:LogLevel:Default"] = "Warning";
        using var app = AppProcess.Start(settings);

        await app.WaitForStatusAsync(s => s.GetProperty("source").GetProperty("state").GetString() == "finished" &&
                s.GetProperty("kafka").GetProperty("lag").GetInt64() == 0 &&
                s.GetProperty("kafka").GetProperty("consumed").GetInt64() >= s.GetProperty("source").GetProperty("published").GetInt64(),
            TimeSpan.FromSeconds(180), "the replay to be published and consumed");

        foreach (var (file, symbol) in Files)
        {
            foreach (var strategy in Strategies)
            {
                var expected = Backtest(file, strategy);
                using var json = JsonDocument.Parse(await app.Http.GetStringAsync($"/api/v1/streams/{symbol}/1m?strategy={strategy}"));
                var live = json.RootElement;
                var because = $"{symbol} {strategy} live ends where its backtest does";
                live.GetProperty("fills").GetInt32().Should().Be(expected.Fills, because).And.BePositive(because);
                live.GetProperty("cash").GetDecimal().Should().Be(expected.Cash, because);
                live.GetProperty("position").GetDecimal().Should().Be(expected.Quantity, because);
            }
        }
    }

    /// <summary><c>backtest --strategy</c> as a user runs it, with the app's strategy settings on its command line.</summary>
    private (int Fills, decimal Cash, decimal Quantity) Backtest(string file, string strategy)
    {
        var arguments = new List<string> { "--input", TestCandles.PathOf(file), "--strategy", strategy, "--format", "json" };
        arguments.AddRange(StrategySettings().Select(s => $"--{s.Key}={s.Value}"));
        var (output, error) = (new StringWriter(CultureInfo.InvariantCulture), new StringWriter(CultureInfo.InvariantCulture));
        BacktestCommand.Run(arguments, output, error).Should().Be(0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var report = json.RootElement;
        return (report.GetProperty("statistics").GetProperty("fills").GetInt32(), report.GetProperty("finalCash").GetDecimal(),
            report.GetProperty("finalQuantity").GetDecimal());
    }
}
