using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// One Plotly trace as the browser holds it (the chart element's <c>.data</c>): what Plotly draws, read back
/// column by column. Times come back as epoch milliseconds whether the page sent numbers or ISO dates.
/// </summary>
public sealed record PlotTrace(string? Name, IReadOnlyDictionary<string, JsonElement> Columns)
{
    public int Count => X.Count;

    public IReadOnlyList<long> X { get; } = Column(Columns, "x").Select(ToEpochMs).ToArray();

    public IReadOnlyList<double?> Y => Numbers("y");

    /// <summary>A numeric column; null where Plotly draws a gap.</summary>
    public IReadOnlyList<double?> Numbers(string name) =>
        Column(Columns, name).Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    /// <summary>A numeric column without gaps, as the decimals the server sent (exact below 15 significant digits).</summary>
    public IReadOnlyList<decimal> Decimals(string name) =>
        Column(Columns, name).Select(v => (decimal)v.GetDouble()).ToArray();

    private static IEnumerable<JsonElement> Column(IReadOnlyDictionary<string, JsonElement> columns, string name) =>
        columns.TryGetValue(name, out var column) && column.ValueKind == JsonValueKind.Array ? column.EnumerateArray() : [];

    private static long ToEpochMs(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetInt64()
        : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}

/// <summary>Reads the traces of the Plotly charts on a page, found by their wrapper's <c>data-chart</c> name.</summary>
public static class PlotlyTraces
{
    // Copies the arrays Plotly draws from; the columns a trace type has (x/y, or candlesticks' open/high/low/close).
    private const string Read = """
        chart => {
            const plot = document.querySelector(`[data-chart=${chart}] .js-plotly-plot`);
            if (!plot || !plot.data) return null;
            const columns = ['x', 'y', 'open', 'high', 'low', 'close'];
            return plot.data.map(trace => ({
                name: trace.name ?? null,
                columns: Object.fromEntries(columns.filter(c => trace[c] != null).map(c => [c, Array.from(trace[c])])),
            }));
        }
        """;

    /// <summary>The chart's traces in Plotly's order; empty while the chart is not drawn.</summary>
    public static async Task<IReadOnlyList<PlotTrace>> ReadAsync(IPage page, string chart)
    {
        var traces = await page.EvaluateAsync<JsonElement?>(Read, chart);
        if (traces is not { ValueKind: JsonValueKind.Array } array) return [];
        return array.EnumerateArray()
            .Select(t => new PlotTrace(
                t.GetProperty("name").GetString(),
                t.GetProperty("columns").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.Clone())))
            .ToArray();
    }
}
