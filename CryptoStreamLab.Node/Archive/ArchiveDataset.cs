using System.Globalization;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Archive;

/// <summary>
/// Walks the archive's Hive folders: <c>symbol=…/interval=…/date=yyyy-MM-dd</c>. Folders that do not parse as a known
/// symbol, interval and day are not the archive's and are never touched.
/// </summary>
public static class ArchiveDataset
{
    /// <summary>Each stream folder under <paramref name="root"/> with the stream its names give; none when the root does not exist yet.</summary>
    public static IEnumerable<(StreamKey Key, string Folder)> Streams(string root)
    {
        if (!Directory.Exists(root)) yield break;
        foreach (var symbolFolder in Directory.EnumerateDirectories(root, "symbol=*"))
        {
            var symbol = Value(symbolFolder, "symbol=");
            if (!SymbolRules.IsValid(symbol)) continue;
            foreach (var intervalFolder in Directory.EnumerateDirectories(symbolFolder, "interval=*"))
            {
                if (KlineIntervals.TryParse(Value(intervalFolder, "interval="), out var interval))
                    yield return (new StreamKey(symbol, interval), intervalFolder);
            }
        }
    }

    /// <summary>Each day folder of one stream, oldest first.</summary>
    public static IEnumerable<(DateOnly Day, string Folder)> Days(string streamFolder)
    {
        if (!Directory.Exists(streamFolder)) return [];
        var days = new List<(DateOnly, string)>();
        foreach (var folder in Directory.EnumerateDirectories(streamFolder, "date=*"))
        {
            if (DateOnly.TryParseExact(Value(folder, "date="), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                days.Add((day, folder));
        }
        return days.OrderBy(d => d.Item1);
    }

    /// <summary>The dataset files of one day folder (<c>*.parquet</c>, not the hidden temporary or ready ones), by name.</summary>
    public static List<string> DataFiles(string dayFolder) =>
        Directory.EnumerateFiles(dayFolder).Where(f => f.EndsWith(ParquetCandleFile.Extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The current UTC day on <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Value(string folder, string prefix) => Path.GetFileName(folder)[prefix.Length..];
}
