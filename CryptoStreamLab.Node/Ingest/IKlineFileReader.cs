using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>Reads a kline CSV file (plain, gzip, or a zip of one CSV) as candles, oldest first, each marked closed.</summary>
public interface IKlineFileReader
{
    /// <exception cref="CsvFormatException">A row cannot be used; the message starts with file:line.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    IAsyncEnumerable<Candle> ReadAsync(string path, string symbol, KlineInterval interval, CancellationToken cancellationToken);
}

/// <summary>A replay file with the symbol and interval its name declares.</summary>
public sealed record ReplayFile(string Path, string Symbol, KlineInterval Interval)
{
    /// <summary>Where a configured replay file is looked for: absolute paths as given; relative ones against the content root, then the application directory.</summary>
    public static IReadOnlyList<string> Candidates(string configured, string contentRoot) =>
        System.IO.Path.IsPathRooted(configured)
            ? [configured]
            : new[] { System.IO.Path.Combine(contentRoot, configured), System.IO.Path.Combine(AppContext.BaseDirectory, configured) }.Distinct().ToList();

    /// <summary>The first of <see cref="Candidates"/> that is a file; null when none is.</summary>
    public static string? Resolve(string configured, string contentRoot) => Candidates(configured, contentRoot).FirstOrDefault(File.Exists);

    /// <summary>The endings of the kline files a replay reads (<see cref="KlineCsvReader.OpenStream(string)"/> opens each).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".csv.gz", ".zip"];

    /// <summary>Reads "SYMBOL-INTERVAL-anything.csv[.gz]" or ".zip", Binance's naming (BTCUSDT-1m-2024-01.csv, BTCUSDT-1m-2024-01.zip).</summary>
    public static bool TryParseName(string path, out string symbol, out KlineInterval interval)
    {
        symbol = "";
        interval = default;
        var name = System.IO.Path.GetFileName(path);
        if (!Extensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))) return false;
        var (inferredSymbol, inferredInterval) = KlineCsvReader.InferStream(name);
        if (inferredSymbol is null || inferredInterval is null) return false;
        (symbol, interval) = (inferredSymbol, inferredInterval.Value);
        return true;
    }
}
