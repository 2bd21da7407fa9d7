using System.Globalization;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// How a strategy's panel (<see cref="SeriesPane.Panel"/> series) is drawn: its axis title and range, its guides, and what it
/// says to a screen reader. The seed's crossover + RSI keeps the dashboard's RSI chart: 0–100 with the overbought (70) and
/// oversold (30) guides; any other strategy gets a scale that fits its values and the guides its series name.
/// </summary>
public sealed record PanelLook(string Title, IReadOnlyList<decimal>? Range, IReadOnlyList<PanelGuide> Guides, string Description)
{
    public const decimal Overbought = 70, Oversold = 30;

    private const string GuideColor = "#8a8f98";

    public static PanelLook For(StrategyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.IsSeed)
            return new PanelLook("RSI", [0, 100], [new(Overbought, "#ef5350"), new(Oversold, "#26a69a")], "RSI chart with guides at 70 and 30");

        var panel = view.Series.Where(s => s.Pane == SeriesPane.Panel).ToList();
        var guides = panel.SelectMany(s => s.Guides ?? []).Where(double.IsFinite).Distinct().OrderDescending()
            .Select(g => new PanelGuide((decimal)g, GuideColor)).ToList();
        var title = panel.Count == 1 ? panel[0].Name : view.Name;
        var description = $"{view.Name} panel chart of {string.Join(", ", panel.Select(s => s.Name))}" +
            (guides.Count == 0 ? "" : $" with guides at {string.Join(" and ", guides.Select(g => g.Value.ToString("0.##", CultureInfo.InvariantCulture)))}");
        return new PanelLook(title, null, guides, description);
    }
}
