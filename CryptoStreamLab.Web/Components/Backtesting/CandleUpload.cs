using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>Turns an uploaded kline CSV (plain or gzip) into candles, with the same reader and checks as the verb.</summary>
public static class CandleUpload
{
    /// <summary>Uploads above this are refused before reading: a month of 1-minute klines is about 4 MB, 1.3 MB gzipped.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <exception cref="CsvFormatException">A row cannot be used; the message names the file and line.</exception>
    /// <exception cref="InvalidDataException">The content looks gzipped but is not.</exception>
    public static async Task<Candle[]> ReadAsync(Stream upload, string fileName, string symbol, KlineInterval interval, CancellationToken cancellationToken)
    {
        // Browser uploads are not seekable; the whole (size-limited) file is held to recognise gzip and parse it.
        var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        using var content = KlineCsvReader.OpenStream(buffer);
        return KlineCsvReader.Read(content, fileName, symbol, interval).ToArray();
    }
}
