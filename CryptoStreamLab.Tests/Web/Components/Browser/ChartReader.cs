using System.Text.Json;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// One series of a chart as the chart library holds it, read back through the page's chart registry (<c>window.appCharts</c>)
/// column by column: <c>x</c> (epoch milliseconds) with <c>y</c>, or <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c> for
/// candlesticks; a marker series' <c>y</c> is its fills' prices. <see cref="Volume"/> is a candlestick's volume pane.
/// </summary>
public sealed record DrawnSeries(string? Name, string Kind, int Pane, IReadOnlyDictionary<string, JsonElement> Columns, DrawnSeries? Volume = null)
{
    public int Count => X.Count;

    public IReadOnlyList<long> X { get; } = Column(Columns, "x").Select(v => v.GetInt64()).ToArray();

    public IReadOnlyList<double?> Y => Numbers("y");

    /// <summary>A numeric column; null where the chart draws a gap.</summary>
    public IReadOnlyList<double?> Numbers(string name) =>
        Column(Columns, name).Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    /// <summary>A numeric column without gaps, as the decimals the server sent (exact below 15 significant digits).</summary>
    public IReadOnlyList<decimal> Decimals(string name) =>
        Column(Columns, name).Select(v => (decimal)v.GetDouble()).ToArray();

    private static IEnumerable<JsonElement> Column(IReadOnlyDictionary<string, JsonElement> columns, string name) =>
        columns.TryGetValue(name, out var column) && column.ValueKind == JsonValueKind.Array ? column.EnumerateArray() : [];
}

/// <summary>A chart on the page as its library holds it: its series in order, how many panes it has, whether it shows its empty state.</summary>
public sealed record DrawnChart(string Kind, bool Empty, int Panes, IReadOnlyList<DrawnSeries> Series);

/// <summary>Reads the charts of a page, found by their box's <c>data-chart</c> name, from the chart module's registry.</summary>
public static class ChartReader
{
    /// <summary>True once the chart of that name exists on the page (the browser module has created it).</summary>
    public const string Exists = "kind => !!window.appCharts?.chart(kind)";

    /// <summary>The chart, or null while it is not created.</summary>
    public static async Task<DrawnChart?> ReadChartAsync(IPage page, string chart)
    {
        var read = await page.EvaluateAsync<JsonElement?>("kind => window.appCharts?.read(kind) ?? null", chart);
        if (read is not { ValueKind: JsonValueKind.Object } state) return null;
        return new DrawnChart(
            state.GetProperty("kind").GetString()!,
            state.GetProperty("empty").GetBoolean(),
            state.GetProperty("panes").GetInt32(),
            state.GetProperty("series").EnumerateArray().Select(Series).ToArray());
    }

    /// <summary>The chart's series in the order it was described; empty while the chart is not created.</summary>
    public static async Task<IReadOnlyList<DrawnSeries>> ReadAsync(IPage page, string chart) =>
        (await ReadChartAsync(page, chart))?.Series ?? [];

    private static DrawnSeries Series(JsonElement series)
    {
        var columns = series.EnumerateObject().Where(c => c.Value.ValueKind == JsonValueKind.Array).ToDictionary(c => c.Name, c => c.Value.Clone());
        var volume = series.TryGetProperty("volume", out var bars) && bars.ValueKind == JsonValueKind.Object
            ? new DrawnSeries("Volume", "Histogram", bars.GetProperty("pane").GetInt32(),
                bars.EnumerateObject().Where(c => c.Value.ValueKind == JsonValueKind.Array).ToDictionary(c => c.Name, c => c.Value.Clone()))
            : null;
        return new DrawnSeries(series.GetProperty("name").GetString(), series.GetProperty("kind").GetString()!, series.GetProperty("pane").GetInt32(), columns, volume);
    }
}
