
namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// The candles opening in [<see cref="From"/>, <see cref="To"/>) (epoch ms, UTC): from inclusive, to exclusive, so
/// <c>--from 2026-02-01 --to 2026-02-02</c> is exactly one day. A missing end is open. For <c>backtest</c> this is the
/// trading range: the candles before it only warm the indicators (see <see cref="WarmUp"/>).
/// </summary>
public readonly record struct ArchiveRange(long From, long To)
{
    /// <summary>Every candle there is.</summary>
    public static ArchiveRange All { get; } = new(long.MinValue, long.MaxValue);

    /// <summary>
    /// The range between two optional ISO-8601 times (<see cref="TimeWindowParser"/>, a blank one is open),
    /// <paramref name="fromName"/> and <paramref name="toName"/> naming them in messages.
    /// </summary>
    /// <exception cref="ArgumentException">A time is not ISO-8601, or the range is empty (from at or after to).</exception>
    public static ArchiveRange Parse(string? from, string? to, string fromName = "--from", string toName = "--to")
    {
        if (TimeWindowParser.TryParse(from, to, fromName, toName, TimeInput.Typed, out var window) is { } error)
            throw new ArgumentException(error.Message);
        return new ArchiveRange(window.From, window.To);
    }

    /// <summary>An ISO-8601 UTC time, e.g. 2026-02-01T00:00:00Z.</summary>
    public static string Format(long epochMs) => TimeWindow.FormatTime(epochMs);

    /// <summary>The same range as the backtester takes it.</summary>
    public TimeWindow Window => new(From, To);

    public override string ToString() => (From, To) switch
    {
        (long.MinValue, long.MaxValue) => "at any time",
        (long.MinValue, var to) => $"before {Format(to)}",
        (var from, long.MaxValue) => $"from {Format(from)} on",
        var (from, to) => $"from {Format(from)} to {Format(to)}",
    };
}
