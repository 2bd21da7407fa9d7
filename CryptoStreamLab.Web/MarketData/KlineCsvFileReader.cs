using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.MarketData;

/// <summary>
/// Minimal reader for the two layouts the replay sample uses, until Core's backtest reader takes over:
/// data.binance.vision's 12 columns (with or without header; times in ms, or µs as in spot files from 2025)
/// and generic OHLCV with a header naming open_time, open, high, low, close, volume (open_time in epoch ms/µs
/// or ISO-8601). Gzip is recognised by its magic bytes.
/// </summary>
internal sealed class KlineCsvFileReader : IKlineFileReader
{
    private const long MicrosecondThreshold = 100_000_000_000_000; // year 5138 in ms, 1973 in µs

    public async IAsyncEnumerable<Candle> ReadAsync(
        string path, string symbol, KlineInterval interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var magic = new byte[2];
        var isGzip = await file.ReadAsync(magic, cancellationToken) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        await using Stream content = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var text = new StreamReader(content);

        Columns? columns = null;
        var lineNumber = 0;
        while (await text.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (columns is null)
            {
                columns = Columns.FromFirstLine(fields) ?? throw new InvalidDataException(
                    $"{path}:1: unknown layout; expected Binance's 12 columns or a header with open_time, open, high, low, close, volume");
                if (columns.IsHeader) continue;
            }
            yield return Parse(fields, columns, symbol, interval, path, lineNumber);
        }
    }

    private static Candle Parse(string[] f, Columns c, string symbol, KlineInterval interval, string path, int line)
    {
        try
        {
            if (f.Length < c.Width) throw new FormatException($"{f.Length} columns, expected at least {c.Width}");
            var openTime = Time(f[c.OpenTime]);
            var closeTime = c.CloseTime >= 0 ? Time(f[c.CloseTime]) : interval.CloseTime(openTime);
            var candle = new Candle(
                symbol, interval, openTime, closeTime, Dec(f[c.Open]), Dec(f[c.High]), Dec(f[c.Low]), Dec(f[c.Close]), Dec(f[c.Volume]),
                c.QuoteVolume >= 0 ? Dec(f[c.QuoteVolume]) : 0m,
                c.Trades >= 0 ? long.Parse(f[c.Trades], NumberStyles.Integer, CultureInfo.InvariantCulture) : 0,
                IsClosed: true);
            return candle.Validate() is { } problem ? throw new FormatException(problem) : candle;
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{path}:{line}: {ex.Message}", ex);
        }
    }

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long Time(string s)
    {
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            return n >= MicrosecondThreshold ? n / 1000 : n;
        return DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
    }

    private sealed record Columns(bool IsHeader, int OpenTime, int Open, int High, int Low, int Close, int Volume, int CloseTime, int QuoteVolume, int Trades)
    {
        public int Width => new[] { OpenTime, Open, High, Low, Close, Volume, CloseTime, QuoteVolume, Trades }.Max() + 1;

        private static readonly Columns Binance = new(false, 0, 1, 2, 3, 4, 5, 6, 7, 8);

        public static Columns? FromFirstLine(string[] fields)
        {
            if (long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                return fields.Length >= 12 ? Binance : null;
            var names = fields.Select(n => n.Trim().ToLowerInvariant()).ToList();
            int At(params string[] aliases) => aliases.Select(a => names.IndexOf(a)).FirstOrDefault(i => i >= 0, -1);
            var header = new Columns(true, At("open_time", "timestamp", "time"), At("open"), At("high"), At("low"), At("close"), At("volume"),
                At("close_time"), At("quote_volume", "quote_asset_volume"), At("count", "trades", "number_of_trades"));
            return header.OpenTime < 0 || header.Open < 0 || header.High < 0 || header.Low < 0 || header.Close < 0 || header.Volume < 0
                ? null
                : header;
        }
    }
}
