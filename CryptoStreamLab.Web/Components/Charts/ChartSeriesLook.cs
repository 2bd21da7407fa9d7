namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// One series of a chart as the browser draws it: its name (also the legend's label and what tests find it by), its kind and
/// colour. The data arrive separately, as <see cref="SeriesTail"/>s that refer to the series by its place in the chart.
/// </summary>
public sealed record ChartSeriesLook(string Name, ChartSeriesKind Kind, string Color)
{
    /// <summary>A candlestick's colour for a candle that closed below its open.</summary>
    public string? DownColor { get; init; }

    /// <summary>A line's width in pixels.</summary>
    public int Width { get; init; } = 2;

    public ChartLineStyle Style { get; init; } = ChartLineStyle.Solid;

    /// <summary>For candlesticks: the volume as a histogram in a pane under them.</summary>
    public bool Volume { get; init; }

    /// <summary>The newest value labelled on the price scale (for candlesticks also a line across at the last price).</summary>
    public bool LastValue { get; init; }

    /// <summary>For markers: which way the arrows point.</summary>
    public ChartMarker? Marker { get; init; }
}
