namespace CryptoStreamLab.Core.Trading;

/// <summary>The paper account's terms (appsettings section "Trading"). Nothing here can move real money.</summary>
public sealed class TradingOptions
{
    public const string SectionName = "Trading";

    /// <summary>Quote-currency cash each stream's account starts with (the seed's 10,000 USDT).</summary>
    public decimal StartingBalance { get; set; } = 10_000m;

    /// <summary>Fee per fill as a fraction of its notional, charged in quote currency (Binance's 0.1 %).</summary>
    public decimal FeeRate { get; set; } = 0.001m;

    /// <summary>Quantities are rounded down to a multiple of this (1 reproduces the seed's whole units).</summary>
    public decimal QuantityStep { get; set; } = 0.00001m;

    /// <summary>Sell the whole position when the close falls this fraction below the entry (0.05 = 5 %); null = off.</summary>
    public decimal? StopLossPct { get; set; }

    /// <summary>Sell the whole position when the close rises this fraction above the entry; null = off.</summary>
    public decimal? TakeProfitPct { get; set; }

    public IEnumerable<string> Validate()
    {
        if (StartingBalance <= 0) yield return $"{SectionName}:StartingBalance must be positive (is {StartingBalance}).";
        if (FeeRate < 0 || FeeRate >= 0.1m) yield return $"{SectionName}:FeeRate must be at least 0 and below 0.1 (is {FeeRate}).";
        if (QuantityStep <= 0) yield return $"{SectionName}:QuantityStep must be positive (is {QuantityStep}).";
        if (StopLossPct is { } stop && (stop <= 0 || stop >= 1))
            yield return $"{SectionName}:StopLossPct must be above 0 and below 1 (is {stop}).";
        if (TakeProfitPct is { } take && take <= 0)
            yield return $"{SectionName}:TakeProfitPct must be above 0 (is {take}).";
    }

    public TradingOptions Clone() => (TradingOptions)MemberwiseClone();
}
