using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Engine;

/// <summary>Everything one stream's engine needs, validated together.</summary>
public sealed record EngineSettings(StrategyOptions Strategy, TradingOptions Trading, int BufferCapacity = CandleBuffer.DefaultCapacity)
{
    public IEnumerable<string> Validate()
    {
        foreach (var problem in Strategy.Validate()) yield return problem;
        foreach (var problem in Trading.Validate()) yield return problem;
        if (BufferCapacity < 2 || BufferCapacity > 1_000_000)
            yield return $"The buffer capacity must be between 2 and 1000000 (is {BufferCapacity}).";
        else if (BufferCapacity <= Strategy.SlowPeriod)
            yield return $"The buffer capacity ({BufferCapacity}) must exceed Strategy:SlowPeriod ({Strategy.SlowPeriod}).";
    }
}
