using System.Globalization;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Archive;

/// <summary>
/// The archive's folder layout, stated once: Hive partitions <c>symbol=…/interval=…/date=yyyy-MM-dd</c>, one folder per
/// stream and UTC day (<see cref="DayMs"/> long), a day's compacted file <c>day-yyyy-MM-dd.parquet</c>. The writer, the
/// reader, compaction and retention all build and walk paths here. Folders that do not parse as a valid symbol, a known
/// interval and a day are not the archive's and are never touched.
/// </summary>
public static class ArchiveLayout
{
    /// <summary>The length of one partition day, in ms: a day folder holds the candles opening in one UTC day.</summary>
    public const long DayMs = 86_400_000L;

    private const string SymbolPrefix = "symbol=";
    private const string IntervalPrefix = "interval=";
    private const string DatePrefix = "date=";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The UTC day a candle opening at <paramref name="openTime"/> (epoch ms) is filed under.</summary>
    public static DateOnly DayOf(long openTime) =>
        DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(openTime).UtcDateTime);

    /// <summary>The first instant (epoch ms) of <paramref name="day"/>.</summary>
    public static long DayStart(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>The current UTC day on <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The partition folder of a candle, relative to the root: <c>symbol=BTCUSDT/interval=1m/date=2026-12-01</c> (UTC day of its open time).</summary>
    public static string PartitionOf(string symbol, KlineInterval interval, long openTime) =>
        Path.Combine(StreamPath(symbol, interval), DayFolderName(DayOf(openTime)));

    /// <summary>The candles by the folder (<see cref="PartitionOf"/>) each belongs in: one list per stream and UTC day, in the given order.</summary>
    public static Dictionary<string, List<Candle>> PartitionByDay(IEnumerable<Candle> batch)
    {
        var days = new Dictionary<(string Symbol, KlineInterval Interval, long Day), List<Candle>>();
        foreach (var candle in batch)
        {
            var key = (candle.Symbol, candle.Interval, Math.DivRem(candle.OpenTime, DayMs).Quotient);
            if (!days.TryGetValue(key, out var list)) days[key] = list = [];
            list.Add(candle);
        }
        return days.ToDictionary(pair => PartitionOf(pair.Key.Symbol, pair.Key.Interval, pair.Value[0].OpenTime), pair => pair.Value);
    }

    /// <summary>The folder holding every day of one stream.</summary>
    /// <exception cref="InvalidDataException">The stream's symbol would lead outside <paramref name="root"/>.</exception>
    public static string StreamFolder(string root, StreamKey key) =>
        Configuration.PathGuard.Require(root, StreamPath(key.Symbol, key.Interval));

    /// <summary>The name of a day's folder: <c>date=2026-12-01</c>.</summary>
    public static string DayFolderName(DateOnly day) => DatePrefix + day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The compacted file's name for a day: <c>day-2026-12-01.parquet</c>.</summary>
    public static string CompactedName(DateOnly day) =>
        $"day-{day.ToString(DateFormat, CultureInfo.InvariantCulture)}{ParquetCandleFile.Extension}";

    /// <summary>Each stream folder under <paramref name="root"/> with the stream its names give; none when the root does not exist yet.</summary>
    public static IEnumerable<(StreamKey Key, string Folder)> Streams(string root)
    {
        if (!Directory.Exists(root)) yield break;
        foreach (var symbolFolder in Directory.EnumerateDirectories(root, SymbolPrefix + "*"))
        {
            var symbol = Value(symbolFolder, SymbolPrefix);
            if (!SymbolRules.IsValid(symbol)) continue;
            foreach (var intervalFolder in Directory.EnumerateDirectories(symbolFolder, IntervalPrefix + "*"))
            {
                if (KlineIntervals.TryParse(Value(intervalFolder, IntervalPrefix), out var interval))
                    yield return (new StreamKey(symbol, interval), intervalFolder);
            }
        }
    }

    /// <summary>Each day folder of one stream, oldest first; a folder whose name is not a date is ignored.</summary>
    public static IReadOnlyList<(DateOnly Day, string Folder)> Days(string streamFolder)
    {
        if (!Directory.Exists(streamFolder)) return [];
        var days = new List<(DateOnly Day, string Folder)>();
        foreach (var folder in Directory.EnumerateDirectories(streamFolder, DatePrefix + "*"))
        {
            if (DateOnly.TryParseExact(Value(folder, DatePrefix), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                days.Add((day, folder));
        }
        days.Sort((a, b) => a.Day.CompareTo(b.Day));
        return days;
    }

    /// <summary>The dataset files of one day folder (<c>*.parquet</c>, not the hidden temporary or ready ones), by name.</summary>
    public static List<string> DataFiles(string dayFolder) =>
        Directory.EnumerateFiles(dayFolder).Where(f => f.EndsWith(ParquetCandleFile.Extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The hidden name beside <paramref name="path"/> a file takes while it is not ready to be read (<c>.name.parquet.tmp</c>):
    /// the leading dot and the suffix keep it out of <see cref="DataFiles"/> and every <c>*.parquet</c> glob.
    /// </summary>
    public static string Hidden(string path, string suffix) =>
        Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + suffix);

    private static string StreamPath(string symbol, KlineInterval interval) =>
        Path.Combine(SymbolPrefix + symbol, IntervalPrefix + interval.ToCode());

    private static string Value(string folder, string prefix) => Path.GetFileName(folder)[prefix.Length..];
}
