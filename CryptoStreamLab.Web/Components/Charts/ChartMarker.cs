using System.Text.Json.Serialization;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>Which way a fill's arrow points: up from below its candle for a buy, down from above it for a sell.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartMarker>))]
public enum ChartMarker
{
    Up,
    Down,
}
