using System.Collections.Concurrent;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Archive;

/// <summary>A file of the dataset that was skipped, and why.</summary>
public sealed record ArchiveProblem(string File, string Reason);

/// <summary>
/// Reads the Hive-partitioned dataset back: the streams it holds, one stream's candles in a time range, or its newest
/// ones. Only the day folders a request covers are opened. A file that cannot be read (damaged, or another tool's with
/// other columns) is reported by name once and skipped; a candle found in two files is read once. A candle that
/// <see cref="CandleRules"/> refuses now (from the future, off its interval's grid) is skipped and its file reported: read
/// back, it would freeze its stream.
/// </summary>
public sealed class CandleArchiveReader(string root, ILogger logger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private readonly ConcurrentDictionary<string, ArchiveProblem> _problems = new();

    public string Root { get; } = root;

    /// <summary>Files skipped so far because they could not be read, by path.</summary>
    public IReadOnlyCollection<ArchiveProblem> Problems => _problems.Values.ToList();

    /// <summary>Every stream with a folder in the dataset, by symbol then interval.</summary>
    public IReadOnlyList<StreamKey> Streams() =>
        ArchiveLayout.Streams(Root).Select(s => s.Key).OrderBy(s => s.Symbol, StringComparer.Ordinal).ThenBy(s => s.Interval).ToList();

    /// <summary>The stream's archived candles opening in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public async Task<List<Candle>> ReadAsync(StreamKey key, long from, long to, CancellationToken cancellation = default)
    {
        var candles = new List<Candle>();
        foreach (var day in Days(key))
        {
            if (day.Start + ArchiveLayout.DayMs <= from || day.Start >= to) continue;
            foreach (var candle in await ReadDayAsync(key, day.Folder, cancellation).ConfigureAwait(false))
            {
                if (candle.OpenTime >= from && candle.OpenTime < to) candles.Add(candle);
            }
        }
        return CandleOrder.ByOpenTimeUnique(candles);
    }

    /// <summary>
    /// The stream's newest <paramref name="count"/> archived candles opening before <paramref name="before"/>, oldest
    /// first: the day folders are read newest first until enough are found.
    /// </summary>
    public async Task<List<Candle>> ReadNewestAsync(StreamKey key, int count, long before = long.MaxValue, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var newestFirst = new List<List<Candle>>();
        var found = 0;
        var days = Days(key);
        for (var d = days.Count - 1; d >= 0 && found < count; d--)
        {
            if (days[d].Start >= before) continue;
            var day = await ReadDayAsync(key, days[d].Folder, cancellation).ConfigureAwait(false);
            day.RemoveAll(c => c.OpenTime >= before);
            newestFirst.Add(day);
            found += day.Count;
        }
        var candles = new List<Candle>(found);
        for (var d = newestFirst.Count - 1; d >= 0; d--) candles.AddRange(newestFirst[d]);
        var ordered = CandleOrder.ByOpenTimeUnique(candles);
        return ordered.Count > count ? ordered.GetRange(ordered.Count - count, count) : ordered;
    }

    /// <summary>The stream's oldest archived candle, or null when none can be read: the day folders are read oldest first until one holds a candle.</summary>
    public async Task<Candle?> ReadOldestAsync(StreamKey key, CancellationToken cancellation = default)
    {
        foreach (var day in Days(key))
        {
            if (await ReadDayAsync(key, day.Folder, cancellation).ConfigureAwait(false) is [var oldest, ..]) return oldest;
        }
        return null;
    }

    /// <summary>The stream's day folders with the instant each day starts, oldest first.</summary>
    private List<(long Start, string Folder)> Days(StreamKey key) =>
        ArchiveLayout.Days(ArchiveLayout.StreamFolder(Root, key)).Select(d => (ArchiveLayout.DayStart(d.Day), d.Folder)).ToList();

    private async Task<List<Candle>> ReadDayAsync(StreamKey key, string folder, CancellationToken cancellation)
    {
        var candles = new List<Candle>();
        IEnumerable<string> files;
        try
        {
            files = ArchiveLayout.DataFiles(folder);
        }
        catch (DirectoryNotFoundException)
        {
            return candles; // Removed meanwhile (retention).
        }
        foreach (var file in files)
        {
            try
            {
                var read = await ParquetCandleFile.ReadAsync(file, key, cancellation).ConfigureAwait(false);
                var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var candle in read)
                {
                    if (CandleRules.Problem(candle, now) is { } problem) Report(file, $"candle opening {candle.OpenTime} skipped: {problem}");
                    else candles.Add(candle);
                }
            }
            catch (FileNotFoundException)
            {
                // Merged into a day file meanwhile; that file is read instead.
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Report(file, e.Message);
            }
        }
        return CandleOrder.ByOpenTimeUnique(candles);
    }

    private void Report(string file, string reason)
    {
        if (_problems.TryAdd(file, new ArchiveProblem(file, reason)))
            logger.LogWarning("Archive file skipped: {File}: {Reason}", file, reason);
    }
}
