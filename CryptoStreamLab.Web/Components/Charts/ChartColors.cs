namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// The colours of a strategy's series, in the order of its series of a pane: the seed's averages keep the dashboard's
/// amber and blue, its RSI purple. Muted enough to read on both themes.
/// </summary>
internal static class ChartColors
{
    /// <summary>Candles that closed at or above their open, buys; and those that closed below it, sells.</summary>
    public const string Up = "#26a69a", Down = "#ef5350";

    /// <summary>Lines that give a reference rather than a value (buy and hold, guides): muted on both themes.</summary>
    public const string Muted = "#8a8f98";

    private static readonly string[] Overlay = ["#ffb300", "#42a5f5", "#ec407a", "#26c6da", "#9ccc65", "#ff7043", "#7e57c2", "#bdbdbd"];

    private static readonly string[] Panel = ["#ab47bc", "#29b6f6", "#ffa726", "#66bb6a", "#ef5350", "#8d6e63", "#26a69a", "#bdbdbd"];

    /// <summary>The colour of the <paramref name="index"/>-th overlay series.</summary>
    public static string OverlayAt(int index) => Overlay[index % Overlay.Length];

    /// <summary>The colour of the <paramref name="index"/>-th panel series.</summary>
    public static string PanelAt(int index) => Panel[index % Panel.Length];

    /// <summary>The colour of the <paramref name="index"/>-th strategy in a comparison.</summary>
    public static string StrategyAt(int index) => Panel[index % Panel.Length];
}
