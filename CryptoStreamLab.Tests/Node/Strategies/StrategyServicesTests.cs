using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Node.Strategies;

/// <summary>The node's strategy services: the lineup it runs and the catalog the Backtest page offers, read once from the same files.</summary>
public sealed class StrategyServicesTests : IDisposable
{
    private readonly TempFolder _temp = new("csl-strategy-services-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_catalog_holds_the_built_ins_and_the_compiled_classes_the_lineup_was_bound_from()
    {
        var folder = Path.Combine(_temp.Path, "strategies");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepositoryPaths.Root, "docs", "examples", "EmaCross.cs"), Path.Combine(folder, "EmaCross.cs"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Strategies:Path"] = folder,
            ["Strategies:0:Name"] = "ema",
            ["Strategies:0:Type"] = "EmaCross",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddStrategies(configuration, _temp.Path).BuildServiceProvider();

        var catalog = services.GetRequiredService<StrategyCatalog>();
        var lineup = services.GetRequiredService<StrategyLineup>();

        catalog.All.Select(d => d.Name).Should().Equal([.. BuiltInStrategies.All.Select(d => d.Name), "EmaCross"]);
        lineup.Entries.Should().ContainSingle().Which.Setup.Definition.Should().BeSameAs(catalog.Find("EmaCross"), "both come from one compilation");
        services.GetRequiredService<ConfiguredStrategies>().Problems.Should().BeEmpty();
    }
}
