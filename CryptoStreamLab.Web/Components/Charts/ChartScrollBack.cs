namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// Older points for a stream's charts, to put in front of what they show: the candle chart's series and the strategy panel's.
/// <see cref="More"/> is false when nothing older exists (or it could not be read), so the browser stops asking.
/// </summary>
public sealed record ChartScrollBack(bool More, IReadOnlyList<SeriesTail> Candles, IReadOnlyList<SeriesTail> Panel)
{
    public static ChartScrollBack None { get; } = new(false, [], []);
}
