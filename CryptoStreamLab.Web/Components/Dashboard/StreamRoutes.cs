using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>
/// The dashboard's addresses: "/" shows the first configured stream, "/stream/BTCUSDT/1m" a chosen one, and
/// "?strategy=NAME" a strategy's view of it (the stream's first strategy's without).
/// </summary>
public static class StreamRoutes
{
    public static string For(StreamKey key) => $"/stream/{key.Symbol}/{key.Interval.ToCode()}";

    /// <summary>The stream's page showing <paramref name="strategy"/>'s view (the first strategy's when null).</summary>
    public static string For(StreamKey key, string? strategy) =>
        strategy is null ? For(key) : $"{For(key)}?strategy={Uri.EscapeDataString(strategy)}";

    /// <summary>The known stream a route names, or null when it names none.</summary>
    public static StreamKey? Resolve(IReadOnlyList<StreamKey> configured, string? symbol, string? interval)
    {
        if (symbol is null && interval is null) return configured.Count > 0 ? configured[0] : null;
        if (symbol is null || !KlineIntervals.TryParse(interval, out var parsed)) return null;
        var key = new StreamKey(symbol.Trim().ToUpperInvariant(), parsed);
        return configured.Contains(key) ? key : null;
    }
}
