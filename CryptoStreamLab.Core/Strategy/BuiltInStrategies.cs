using CryptoStreamLab.Core.Strategy.Rules;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>The strategies that ship with the app, by the name users pick them with.</summary>
public static class BuiltInStrategies
{
    public static StrategyDefinition CrossoverRsi { get; } = StrategyDefinition.For<CrossoverRsiStrategy>(CrossoverRsiStrategy.TypeName,
        "The seed's moving-average crossover confirmed by RSI.");

    public static StrategyDefinition BollingerReversion { get; } = StrategyDefinition.For<BollingerReversion>(
        description: "Bollinger mean reversion: buys a close below the lower band, sells a close above the middle band.");

    public static StrategyDefinition MacdTrend { get; } = StrategyDefinition.For<MacdTrend>(
        description: "MACD trend: buys when the MACD line crosses above its signal line, sells when it crosses below.");

    public static StrategyDefinition Rsi2Reversal { get; } = StrategyDefinition.For<Rsi2Reversal>(
        description: "Connors' RSI(2): buys a dip (RSI below 10) above the 200-candle average, sells on RSI above 90 or a close above the 5-candle average.");

    public static StrategyDefinition DonchianBreakout { get; } = StrategyDefinition.For<DonchianBreakout>(
        description: "Donchian breakout: buys a close above the previous 20 candles' high, sells a close below the previous 10 candles' low.");

    public static StrategyDefinition Rules { get; } = StrategyDefinition.For<RulesStrategy>(RulesStrategy.TypeName,
        "Two rules, Buy and Sell, over candle fields and indicators: sma, ema, rsi, macd, Bollinger, ATR, stochastics, crossover, ….");

    public static IReadOnlyList<StrategyDefinition> All { get; } = [CrossoverRsi, BollingerReversion, MacdTrend, Rsi2Reversal, DonchianBreakout, Rules];
}
