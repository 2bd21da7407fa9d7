using CryptoStreamLab.Core.Indicators;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>The moving-average crossover + RSI strategy's parameters (appsettings section "Strategy").</summary>
public sealed class StrategyOptions
{
    public const string SectionName = "Strategy";

    [Param(Min = 1, Max = 9_999, Description = "Candles in the fast moving average.")]
    public int FastPeriod { get; set; } = 20;

    [Param(Min = 2, Max = 10_000, Description = "Candles in the slow moving average.")]
    public int SlowPeriod { get; set; } = 50;

    [Param(Min = 1, Max = 10_000, Description = "Closes in the RSI.")]
    public int RsiPeriod { get; set; } = 14;

    [Param(Description = "Simple (the seed's) or Wilder averages in the RSI.")]
    public RsiMethod RsiMethod { get; set; } = RsiMethod.Simple;

    /// <summary>BUY needs RSI strictly above this…</summary>
    [Param(Min = 0, Max = 100, Description = "BUY needs RSI strictly above this…")]
    public double BuyRsiMin { get; set; } = 50;

    /// <summary>…and strictly below this.</summary>
    [Param(Min = 0, Max = 100, Description = "…and strictly below this.")]
    public double BuyRsiMax { get; set; } = 70;

    /// <summary>SELL needs RSI strictly above this.</summary>
    [Param(Min = 0, Max = 100, Description = "SELL needs RSI strictly above this.")]
    public double SellRsiMin { get; set; } = 70;

    /// <summary>Every problem with these values, each naming its key (in <paramref name="section"/>, or bare when null); empty when they are usable.</summary>
    public IEnumerable<string> Validate(string? section = SectionName)
    {
        var prefix = section is null ? "" : section + ":";
        if (FastPeriod < 1) yield return $"{prefix}FastPeriod must be at least 1 (is {FastPeriod}).";
        if (SlowPeriod < 2) yield return $"{prefix}SlowPeriod must be at least 2 (is {SlowPeriod}).";
        if (FastPeriod >= SlowPeriod)
            yield return $"{prefix}FastPeriod ({FastPeriod}) must be shorter than {prefix}SlowPeriod ({SlowPeriod}).";
        if (SlowPeriod > 10_000) yield return $"{prefix}SlowPeriod must be at most 10000 (is {SlowPeriod}).";
        if (RsiPeriod < 1 || RsiPeriod > 10_000) yield return $"{prefix}RsiPeriod must be between 1 and 10000 (is {RsiPeriod}).";
        if (!Enum.IsDefined(RsiMethod)) yield return $"{prefix}RsiMethod must be Simple or Wilder (is {RsiMethod}).";
        foreach (var (name, value) in new[] { ("BuyRsiMin", BuyRsiMin), ("BuyRsiMax", BuyRsiMax), ("SellRsiMin", SellRsiMin) })
        {
            if (!double.IsFinite(value) || value < 0 || value > 100)
                yield return $"{prefix}{name} must be between 0 and 100 (is {value}).";
        }

        if (BuyRsiMin >= BuyRsiMax)
            yield return $"{prefix}BuyRsiMin ({BuyRsiMin}) must be below {prefix}BuyRsiMax ({BuyRsiMax}).";
    }

    public StrategyOptions Clone() => (StrategyOptions)MemberwiseClone();
}
