namespace CryptoStreamLab.Core.Strategy;

/// <summary>Where a strategy's series is drawn.</summary>
public enum SeriesPane
{
    /// <summary>Over the candles, on the price scale (moving averages, bands).</summary>
    Overlay,

    /// <summary>In the strategy's own panel under the candles (oscillators such as RSI).</summary>
    Panel,
}

/// <summary>
/// One series a strategy draws: its name (the legend and the API field), where, and for a panel the horizontal guides
/// (RSI's thresholds, for example). Two are equal when their names, panes and guides are.
/// </summary>
public sealed record SeriesSpec(string Name, SeriesPane Pane, IReadOnlyList<double>? Guides = null)
{
    public bool Equals(SeriesSpec? other) =>
        other is not null && Name == other.Name && Pane == other.Pane && (Guides ?? []).SequenceEqual(other.Guides ?? []);

    public override int GetHashCode() => HashCode.Combine(Name, Pane, Guides?.Count ?? 0);

    public static SeriesSpec Overlay(string name) => new(name, SeriesPane.Overlay);

    public static SeriesSpec Panel(string name, params double[] guides) => new(name, SeriesPane.Panel, guides);
}
