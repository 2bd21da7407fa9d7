using System.Globalization;
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Tests.Fakes;

/// <summary>The <see cref="TextRuleStrategy"/>'s parameters: a text rule, a period and a choice.</summary>
public sealed class TextRuleParameters
{
    [Param(Description = "above or below: BUY when the close is that side of the average.")]
    public string Buy { get; set; } = "above";

    [Param(Min = 1, Max = 1_000, Description = "Closes in the average.")]
    public int Period { get; set; } = 10;

    [Param(Description = "The average's RSI-style smoothing (only checked, not used).")]
    public RsiMethod Smoothing { get; set; } = RsiMethod.Simple;
}

/// <summary>
/// A strategy with a text parameter, as a rule-based one has: BUY when the close crosses to the <c>Buy</c> side of its
/// simple average, SELL when it crosses back. Its constructor refuses a rule it cannot read with a message that starts with
/// the parameter's name ("Buy, column 1: …"), and a period over 500 with a <c>below</c> rule with one that names none.
/// </summary>
public sealed class TextRuleStrategy : IStrategy
{
    private readonly SimpleMovingAverage _average;
    private readonly int _side;
    private int _previous;

    public TextRuleStrategy(TextRuleParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _side = parameters.Buy.Trim() switch
        {
            "above" => 1,
            "below" => -1,
            var other => throw new ArgumentException($"Buy, column 1: expected above or below, found '{other}'."),
        };
        if (_side < 0 && parameters.Period > 500) throw new ArgumentException("a below rule needs a period of 500 or less.");
        _average = new SimpleMovingAverage(parameters.Period);
        WarmUpPeriod = parameters.Period;
        Series = [SeriesSpec.Overlay(string.Create(CultureInfo.InvariantCulture, $"SMA {parameters.Period}"))];
    }

    public IReadOnlyList<SeriesSpec> Series { get; }

    public int WarmUpPeriod { get; }

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        _average.UpdateTicks(PriceTicks.FromDecimal(candle.Close));
        var average = _average.Value;
        series[0] = average;
        var side = double.IsNaN(average) ? 0 : Math.Sign((double)candle.Close - average) * _side;
        var previous = _previous;
        _previous = side;
        if (previous < 0 && side > 0) return StrategyDecision.Buy("close crossed to the buy side");
        if (previous > 0 && side < 0) return StrategyDecision.Sell("close crossed back");
        return StrategyDecision.Hold;
    }
}
