using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>How much an uploaded kline file may be: as uploaded, decompressed, and in candles (see <see cref="DashboardOptions"/>).</summary>
public sealed record UploadLimits(long MaxBytes, long MaxDecompressedBytes, int MaxRows)
{
    public static UploadLimits Of(DashboardOptions options) =>
        new(options.UploadMaxBytes, options.UploadMaxDecompressedBytes, options.UploadMaxRows);
}

/// <summary>
/// Turns an uploaded kline CSV (plain, gzip, or a zip of one CSV) into candles, with the same reader and checks as the verb, off the caller's
/// thread, within <see cref="UploadLimits"/> and until cancelled.
/// </summary>
public static class CandleUpload
{
    /// <exception cref="CsvFormatException">A row cannot be used; the message names the file and line.</exception>
    /// <exception cref="InvalidDataException">
    /// The content is not what it claims (damaged or cut-short gzip, a .gz that is not gzip), or it passes a limit; the message
    /// starts with the file's name.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (the page went away).</exception>
    public static async Task<Candle[]> ReadAsync(Stream upload, string fileName, string symbol, KlineInterval interval, UploadLimits limits,
        CancellationToken cancellationToken)
    {
        // Browser uploads are neither seekable nor readable synchronously: the file (at most MaxBytes) is held to recognise
        // gzip and to feed the synchronous parser; what it decompresses to is read as a stream, never held whole.
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
                throw new InvalidDataException($"{fileName}: more than {Megabytes(limits.MaxBytes)} as uploaded; the limit is {Megabytes(limits.MaxBytes)}.");
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        // The token is watched by every read of the parser (LimitedReadStream), so a cancel stops a read that has started.
        return await Task.Run(() => Read(buffer, fileName, symbol, interval, limits, cancellationToken));
    }

    private static Candle[] Read(MemoryStream buffer, string fileName, string symbol, KlineInterval interval, UploadLimits limits,
        CancellationToken cancellationToken)
    {
        using var content = new LimitedReadStream(KlineCsvReader.OpenStream(buffer, fileName), limits.MaxDecompressedBytes,
            () => $"{fileName}: more than {Megabytes(limits.MaxDecompressedBytes)} once decompressed; the limit is " +
                  $"{Megabytes(limits.MaxDecompressedBytes)} ({DashboardOptions.SectionName}:{nameof(DashboardOptions.UploadMaxDecompressedBytes)}).",
            cancellationToken);
        var candles = new List<Candle>();
        foreach (var candle in KlineCsvReader.Read(content, fileName, symbol, interval))
        {
            if (candles.Count == limits.MaxRows)
            {
                throw new InvalidDataException($"{fileName}: more than {limits.MaxRows:N0} candles; the limit is {limits.MaxRows:N0} " +
                                               $"({DashboardOptions.SectionName}:{nameof(DashboardOptions.UploadMaxRows)}).");
            }
            candles.Add(candle);
        }

        return candles.ToArray();
    }

    public static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.#} MB" : $"{bytes:N0} bytes";
}
