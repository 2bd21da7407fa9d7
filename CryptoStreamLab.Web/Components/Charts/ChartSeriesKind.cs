using System.Text.Json.Serialization;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>How a series is drawn; sent to the browser by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartSeriesKind>))]
public enum ChartSeriesKind
{
    /// <summary>Open, high, low and close per candle, with the volume in a pane of its own when the look asks for it.</summary>
    Candlestick,

    /// <summary>A value per time; a missing value is a gap.</summary>
    Line,

    /// <summary>Arrows on the chart's first series at the given times and prices: the account's fills.</summary>
    Markers,
}
