using System.Text.RegularExpressions;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Docs;

/// <summary>README's strategy file compiles as it is, dropped into a strategies folder, and trades.</summary>
public sealed partial class ReadmeStrategyFileTests
{
    [Fact]
    public void The_readme_strategy_file_compiles_from_a_strategies_folder_and_trades_the_shipped_month()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var blocks = CSharpBlock().Matches(readme);
        blocks.Should().ContainSingle("README shows one strategy file");
        var source = blocks[0].Groups["code"].Value;
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "EmaCross.cs")).ReplaceLineEndings().TrimEnd()
            .Should().Be(source.ReplaceLineEndings().TrimEnd(), "docs/examples/EmaCross.cs is the same file");

        using var folder = new TempFolder("readme-strategy-");
        var strategies = Directory.CreateDirectory(Path.Combine(folder.Path, "strategies")).FullName;
        File.WriteAllText(Path.Combine(strategies, "EmaCross.cs"), source);
        var compiled = StrategyFolder.Compile(strategies);

        compiled.Problems.Should().BeEmpty();
        var definition = compiled.Definitions.Should().ContainSingle().Which;
        definition.Name.Should().Be("EmaCross");
        var month = KlineCsvReader.ReadFile(Path.Combine(RepositoryPaths.WebProject, "SampleData", "LTCUSDT-1m-2026-02.csv.gz"), "LTCUSDT", KlineInterval.OneMinute).ToList();
        var run = Backtester.Run(new StreamKey("LTCUSDT", KlineInterval.OneMinute), EngineSettings.For(new StrategySetup(definition), new TradingOptions()), month);
        run.Fills.Should().NotBeEmpty();
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
