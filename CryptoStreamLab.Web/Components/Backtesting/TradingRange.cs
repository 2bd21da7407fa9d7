using CryptoStreamLab.Core.Backtesting;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// The page's trading range for a stream's history or an uploaded file: From inclusive, To exclusive, UTC, either empty
/// for an open end; parsed as <c>backtest --from/--to</c> are.
/// </summary>
public sealed class TradingRange
{
    private string? _from;
    private string? _to;

    public string? From
    {
        get => _from;
        set => Parse(_from = value, _to);
    }

    public string? To
    {
        get => _to;
        set => Parse(_from, _to = value);
    }

    /// <summary>The range; null while <see cref="Error"/> says why it cannot be used.</summary>
    public ArchiveRange? Range { get; private set; } = ArchiveRange.All;

    /// <summary>Why the range cannot be used (a time that does not parse, From not before To), or null.</summary>
    public string? Error { get; private set; }

    public TimeWindow? Window => Range?.Window;

    private void Parse(string? from, string? to)
    {
        try
        {
            (Range, Error) = (ArchiveRange.Parse(from, to, "From", "To"), null);
        }
        catch (ArgumentException e)
        {
            (Range, Error) = (null, e.Message);
        }
    }
}
