using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// How one strategy's series are written in the API: <c>series</c>, the values by series name (null while warming up), for
/// any strategy, and <c>ma_fast</c>, <c>ma_slow</c> and <c>rsi</c>, the fields from before strategies were pluggable, for the
/// seed's crossover + RSI only (null for the others, whose first series mean something else).
/// </summary>
internal sealed class ApiSeries
{
    private readonly string[] _names;

    public ApiSeries(IReadOnlyList<SeriesSpec> series, bool isSeed)
    {
        _names = series.Take(SeriesValues.Capacity).Select(s => s.Name).ToArray();
        IsSeed = isSeed;
    }

    public static ApiSeries Of(StrategyView view) => new(view.Series, view.IsSeed);

    public bool IsSeed { get; }

    /// <summary>The values by name, in the strategy's order.</summary>
    public IReadOnlyDictionary<string, double?> Values(in SeriesValues values)
    {
        var named = new Dictionary<string, double?>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++) named[_names[i]] = Finite.OrNull(values[i]);
        return named;
    }

    public double? FastMa(in SeriesValues values) => IsSeed ? Finite.OrNull(values[CrossoverRsiStrategy.FastSlot]) : null;

    public double? SlowMa(in SeriesValues values) => IsSeed ? Finite.OrNull(values[CrossoverRsiStrategy.SlowSlot]) : null;

    public double? Rsi(in SeriesValues values) => IsSeed ? Finite.OrNull(values[CrossoverRsiStrategy.RsiSlot]) : null;
}
