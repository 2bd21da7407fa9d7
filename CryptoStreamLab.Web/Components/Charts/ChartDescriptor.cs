namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// What a chart draws, sent to the browser once when the chart is created: its title (the legend's first word), its series in
/// order, horizontal guides across the price pane, and the price scale: a fixed range or one that fits the values (and the
/// guides), with <see cref="Precision"/> decimals.
/// </summary>
public sealed record ChartDescriptor(string Title, IReadOnlyList<ChartSeriesLook> Series)
{
    public IReadOnlyList<PanelGuide> Guides { get; init; } = [];

    /// <summary>A fixed price range (lowest, highest), e.g. the RSI's 0–100; null to fit the values.</summary>
    public IReadOnlyList<decimal>? Range { get; init; }

    /// <summary>Decimals of the prices and values on the scale and in the legend.</summary>
    public int Precision { get; init; } = 2;

    /// <summary>Times on the axis to the second (a 1s stream), not to the minute.</summary>
    public bool Seconds { get; init; }
}
