namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// Points for the series at <see cref="Index"/> of a chart, as column name → values: <c>time</c> (epoch milliseconds, rising)
/// with <c>value</c> (null for a gap), or with <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c> and <c>volume</c> for candles.
/// </summary>
public sealed record SeriesTail(int Index, IReadOnlyDictionary<string, Array> Columns)
{
    /// <summary>A line's or markers' points.</summary>
    public static SeriesTail Values<T>(int index, long[] times, T[] values) =>
        new(index, new Dictionary<string, Array> { ["time"] = times, ["value"] = values });
}
