namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// The page's theme, cascaded by the layout to the charts, which draw on canvas and so cannot follow the page's CSS: a
/// switch re-colours them in place. Dark, the app's default, is what a chart outside the layout gets.
/// </summary>
public enum ChartTheme
{
    Dark,
    Light,
}
