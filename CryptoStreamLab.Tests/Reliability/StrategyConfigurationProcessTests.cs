using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// Bad strategies stop the real app at start with exit code 2, every problem named with its key, file, line or column:
/// an unknown type, an unknown parameter, a value out of range, a rule that does not parse, a strategy file that does not
/// compile and one that holds no strategy.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class StrategyConfigurationProcessTests : IDisposable
{
    private readonly TempFolder _dir = new("bad-strategies-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_bad_strategy_is_named_and_the_app_exits_2_before_it_listens()
    {
        var strategies = Directory.CreateDirectory(Path.Combine(_dir.Path, "strategies")).FullName;
        File.WriteAllText(Path.Combine(strategies, "Broken.cs"), "public sealed class Broken { int x = ; }\n");
        File.WriteAllText(Path.Combine(strategies, "Helper.cs"), "public static class Helper { public static int Two => 2; }\n");
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Synthetic",
            ["Storage:Path"] = _dir.Path,
            ["Strategies:Path"] = strategies,
            ["Strategies:0:Type"] = "Moonshot",
            ["Strategies:1:Type"] = "DonchianBreakout",
            ["Strategies:1:EntryPerod"] = "30",
            ["Strategies:2:Type"] = "BollingerReversion",
            ["Strategies:2:Period"] = "0",
            ["Strategies:3:Type"] = "Rules",
            ["Strategies:3:Buy"] = "close > sma(close, 20",
            ["Strategies:3:Sell"] = "close < 1",
        });

        (await app.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(2, app.Output + app.Error);
        var said = app.Output + app.Error;
        said.Should().Contain("Strategies:0:Type 'Moonshot' is not a strategy; known: CrossoverRsi")
            .And.Contain("Strategies:1:EntryPerod is not a parameter of DonchianBreakout; its parameters: EntryPeriod, ExitPeriod.")
            .And.Contain("Strategies:2:Period must be between")
            .And.Contain("Strategies:3:Buy, column 22: expected ')' to close sma(")
            .And.Contain("strategies/Broken.cs(1,38): error CS1525")
            .And.Contain("strategies/Helper.cs: no public class implements IStrategy");
        said.Should().NotContain("Now listening");
    }
}
