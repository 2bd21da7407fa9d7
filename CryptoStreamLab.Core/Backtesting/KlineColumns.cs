using System.Globalization;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>Where each field of a kline row sits, found from a file's first line.</summary>
internal sealed record KlineColumns(int OpenTime, int Open, int High, int Low, int Close, int Volume, int CloseTime, int QuoteVolume, int Count)
{
    public const int MaxColumns = 64;

    private static readonly string[] BinanceColumns =
        ["open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count"];

    private static readonly KlineColumns Binance = new(0, 1, 2, 3, 4, 5, 6, 7, 8);

    public int MinimumColumns { get; } = new[] { OpenTime, Open, High, Low, Close, Volume, CloseTime, QuoteVolume, Count }.Max() + 1;

    /// <summary>data.binance.vision's 12 columns when the first line is a row, else the columns its header names.</summary>
    public static KlineColumns FromFirstLine(string line, string source, long lineNumber, out bool isHeader)
    {
        var fields = line.TrimEnd('\r').Split(',');
        if (fields.Length > MaxColumns)
            throw new CsvFormatException(source, lineNumber, $"{fields.Length} columns is more than the {MaxColumns} a kline file may have.");

        isHeader = !long.TryParse(fields[0].Trim().Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        if (!isHeader)
        {
            if (fields.Length < 12)
            {
                throw new CsvFormatException(source, lineNumber,
                    $"a headerless file must be in data.binance.vision's 12-column kline layout, but this row has {fields.Length} columns.");
            }

            return Binance;
        }

        var names = fields.Select(f => f.Trim().Trim('"').ToLowerInvariant()).ToList();
        int Find(string name, bool required)
        {
            var index = names.IndexOf(name);
            if (index < 0 && required)
            {
                throw new CsvFormatException(source, lineNumber,
                    $"the header has no '{name}' column; it needs at least {string.Join(",", BinanceColumns[..6])}.");
            }

            return index;
        }

        return new KlineColumns(Find("open_time", true), Find("open", true), Find("high", true), Find("low", true),
            Find("close", true), Find("volume", true), Find("close_time", false), Find("quote_volume", false), Find("count", false));
    }
}
