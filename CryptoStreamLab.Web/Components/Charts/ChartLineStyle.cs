using System.Text.Json.Serialization;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>The stroke of a line series; sent to the browser by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartLineStyle>))]
public enum ChartLineStyle
{
    Solid,
    Dotted,
    Dashed,
}
