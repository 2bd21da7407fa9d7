using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.MarketData;

/// <summary>Which streams the app follows (appsettings section "MarketData").</summary>
public sealed class MarketDataOptions
{
    public const string SectionName = "MarketData";

    public List<string> Symbols { get; set; } = [];

    public List<string> Intervals { get; set; } = [];

    /// <summary>Candles kept per stream.</summary>
    public int BufferCapacity { get; set; } = CandleBuffer.DefaultCapacity;

    /// <summary>Symbols × intervals, in configuration order; BTCUSDT 1m when none are configured.</summary>
    public IReadOnlyList<StreamKey> Streams()
    {
        var symbols = Symbols.Count > 0 ? Symbols : ["BTCUSDT"];
        var intervals = Intervals.Count > 0 ? Intervals : ["1m"];
        return symbols.SelectMany(s => intervals.Select(i => new StreamKey(s.Trim(), KlineIntervals.Parse(i)))).Distinct().ToList();
    }

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < Symbols.Count; i++)
        {
            if (!SymbolRules.IsValid(Symbols[i]?.Trim()))
                yield return $"{SectionName}:Symbols:{i} '{Symbols[i]}' is not a symbol: {SymbolRules.Description}";
        }

        for (var i = 0; i < Intervals.Count; i++)
        {
            if (!KlineIntervals.TryParse(Intervals[i], out _))
                yield return $"{SectionName}:Intervals:{i} '{Intervals[i]}' is not a Binance interval; use one of {string.Join(", ", KlineIntervals.Codes)}.";
        }

        if (Symbols.Count * Math.Max(1, Intervals.Count) > 1_024)
            yield return $"{SectionName}: {Symbols.Count} symbols × {Intervals.Count} intervals is more than the 1024 streams one process follows.";
        if (BufferCapacity < 2 || BufferCapacity > 1_000_000)
            yield return $"{SectionName}:BufferCapacity must be between 2 and 1000000 (is {BufferCapacity}).";
    }
}
