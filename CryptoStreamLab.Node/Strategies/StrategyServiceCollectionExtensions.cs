using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Strategies;

public static class StrategyServiceCollectionExtensions
{
    /// <summary>
    /// The strategies the node runs (<see cref="StrategyLineup"/>) and every strategy users can pick (<see cref="StrategyCatalog"/>,
    /// for the Backtest page): the <c>Strategies</c> section over the built-ins and the
    /// classes compiled from <c>Strategies:Path</c> (default <c>strategies</c> beside <c>Storage:Path</c>, relative to
    /// <paramref name="contentRoot"/>). Compiled and bound once; every problem is reported at start with the others (exit 2).
    /// </summary>
    public static IServiceCollection AddStrategies(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(sp => ConfiguredStrategies.Load(configuration, contentRoot, sp.GetRequiredService<ILogger<StrategyLineup>>()));
        services.AddSingleton(sp => sp.GetRequiredService<ConfiguredStrategies>().Lineup);
        services.AddSingleton(sp => sp.GetRequiredService<ConfiguredStrategies>().Catalog);
        services.AddValidatedOptions<StrategiesOptions>(configuration, StrategyLineupBinder.SectionName, _ => []);
        services.AddSingleton<IValidateOptions<StrategiesOptions>>(sp => new StrategyProblems(sp.GetRequiredService<ConfiguredStrategies>()));
        return services;
    }

    private sealed class StrategyProblems(ConfiguredStrategies source) : IValidateOptions<StrategiesOptions>
    {
        public ValidateOptionsResult Validate(string? name, StrategiesOptions options) =>
            source.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(source.Problems);
    }
}

/// <summary>The configured strategies and the catalog they were picked from, read once at start, and what was wrong with them.</summary>
public sealed record ConfiguredStrategies(StrategyLineup Lineup, StrategyCatalog Catalog, IReadOnlyList<string> Problems)
{
    public static ConfiguredStrategies Load(IConfiguration configuration, string contentRoot, ILogger logger)
    {
        var problems = new List<string>();
        var options = new StrategiesOptions();
        SectionBinder.Bind(configuration.GetSection(StrategyLineupBinder.SectionName), options, problems);
        var storage = new StorageOptions();
        SectionBinder.Bind(configuration.GetSection(StorageOptions.SectionName), storage);
        var marketData = new MarketDataOptions();
        SectionBinder.Bind(configuration.GetSection(MarketDataOptions.SectionName), marketData);
        var catalog = StrategyFiles.Catalog(options.FullPath(contentRoot, storage.Path), problems, logger);
        var streams = marketData.Validate().Any() ? null : marketData.Streams();
        var lineup = StrategyLineupBinder.Bind(configuration, catalog, streams, problems);
        return new ConfiguredStrategies(lineup, catalog, problems);
    }
}
