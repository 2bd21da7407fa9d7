using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Engine;

/// <summary>
/// Everything one stream's engine needs, validated together: the strategy (the seed's, configured by
/// <see cref="Strategy"/>, unless another <see cref="StrategySetup"/> is given), the account and the buffer.
/// </summary>
public sealed record EngineSettings(StrategyOptions Strategy, TradingOptions Trading, int BufferCapacity = CandleBuffer.DefaultCapacity)
{
    private StrategySetup? _setup;

    /// <summary>Settings running <paramref name="setup"/>.</summary>
    public static EngineSettings For(StrategySetup setup, TradingOptions trading, int bufferCapacity = CandleBuffer.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return new EngineSettings(setup.SeedOptions ?? new StrategyOptions(), trading, bufferCapacity) { _setup = setup };
    }

    /// <summary>These trading terms and buffer running <paramref name="setup"/> instead (a sweep's set).</summary>
    public EngineSettings With(StrategySetup setup) => For(setup, Trading, BufferCapacity);

    /// <summary>
    /// The strategy the engine runs. A seed setup follows <see cref="Strategy"/> (so <c>with { Strategy = … }</c> changes it);
    /// any other stays what it was given as.
    /// </summary>
    public StrategySetup Setup
    {
        get
        {
            if (_setup is { } setup && (setup.SeedOptions is null || ReferenceEquals(setup.SeedOptions, Strategy))) return setup;
            return _setup = StrategySetup.Seed(Strategy, _setup?.Name);
        }
    }

    /// <summary>Every problem: the strategy's (the seed's by key, another's as "Strategy NAME: …"), then <see cref="ValidateTradingAndBuffer"/>'s.</summary>
    public IEnumerable<string> Validate() => ValidateStrategy().Concat(ValidateTradingAndBuffer());

    /// <summary>The account's terms and the buffer's size alone (a form that shows a strategy's refusal beside its fields).</summary>
    public IEnumerable<string> ValidateTradingAndBuffer()
    {
        foreach (var problem in Trading.Validate()) yield return problem;
        var seed = Setup.SeedOptions;
        if (BufferCapacity < 2 || BufferCapacity > 1_000_000)
            yield return $"The buffer capacity must be between 2 and 1000000 (is {BufferCapacity}).";
        else if (seed is not null && BufferCapacity <= seed.SlowPeriod)
            yield return $"The buffer capacity ({BufferCapacity}) must exceed Strategy:SlowPeriod ({seed.SlowPeriod}).";
    }

    private IEnumerable<string> ValidateStrategy()
    {
        if (Setup.SeedOptions is { } seed)
        {
            foreach (var problem in seed.Validate()) yield return problem;
            yield break;
        }

        string? refused = null;
        try
        {
            _ = Setup.Create();
        }
        catch (ArgumentException e)
        {
            refused = $"Strategy {Setup.Name}: {e.Message}";
        }

        if (refused is not null) yield return refused;
    }
}
