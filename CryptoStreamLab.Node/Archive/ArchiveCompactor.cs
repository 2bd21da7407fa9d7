using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Archive;

/// <summary>What one compaction pass did.</summary>
/// <param name="DaysCompacted">Day folders rewritten as their one compacted file (an interrupted compaction finished counts too).</param>
/// <param name="SkippedFiles">Dataset files that could not be read as candles: left in place, not merged, reported.</param>
/// <param name="Errors">Day folders that could not be compacted this time, and why.</param>
public sealed record CompactionPass(int DaysCompacted, IReadOnlyList<string> SkippedFiles, IReadOnlyList<string> Errors);

/// <summary>
/// Rewrites each complete UTC day of each stream (a day before today) as one file, <c>day-yyyy-MM-dd.parquet</c>, holding
/// the day's candles in open-time order, each open time once. A reader globbing <c>*.parquet</c> never sees a candle twice
/// or half a file: the merged file is written under the hidden name <c>.day-….parquet.tmp</c>, renamed to the hidden
/// <c>.day-….parquet.ready</c> once complete and on disk, then the sources are deleted, then it is renamed to its final
/// name. Each pass first recovers what a kill left behind: a <c>.ready</c> file is finished (the sources it holds are
/// deleted, it is renamed), and temporary files older than <see cref="StaleTemporaryAge"/> are deleted.
/// </summary>
/// <remarks>
/// Today's folder is never compacted, so this never races the writer's day; a late candle the writer adds to a past day
/// later lands in a new small file beside the compacted one, and the next pass merges it in. A file that cannot be read
/// (corrupt, or not the archive's columns) is logged by name, listed in <see cref="SkippedFiles"/> and left where it is.
/// The merged file is written under the day's hidden temporary name, flushed to disk and read back before it counts.
/// </remarks>
public sealed class ArchiveCompactor
{
    /// <summary>Suffix of a compacted file that is complete but whose sources may not all be deleted yet.</summary>
    public const string ReadyExtension = ".ready";

    /// <summary>A temporary file this old belongs to a writer that was killed: the pass deletes it.</summary>
    public static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    public ArchiveCompactor(ILogger logger, TimeProvider? clock = null)
    {
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The unreadable files the last pass found and left in place.</summary>
    public IReadOnlyList<string> SkippedFiles { get; private set; } = [];

    /// <summary>
    /// Recovers and compacts every day folder of every stream under <paramref name="root"/>; a day that fails is in the
    /// result's errors and the others go on.
    /// </summary>
    public async Task<CompactionPass> CompactAsync(string root, CancellationToken cancellation = default)
    {
        var today = ArchiveLayout.Today(_clock);
        var pass = new Pass();
        foreach (var (key, streamFolder) in ArchiveLayout.Streams(root).ToList())
        {
            foreach (var (day, folder) in ArchiveLayout.Days(streamFolder))
            {
                cancellation.ThrowIfCancellationRequested();
                try
                {
                    if (await CompactDayAsync(folder, key, day, day < today, pass, cancellation).ConfigureAwait(false)) pass.Compacted++;
                }
                catch (Exception e) when (!cancellation.IsCancellationRequested)
                {
                    pass.Errors.Add($"{folder}: {e.Message}");
                    _logger.LogWarning(e, "Compacting the archive folder {Folder} failed; the next pass tries again.", folder);
                }
            }
        }
        SkippedFiles = pass.Skipped.Order(StringComparer.Ordinal).ToList();
        return new CompactionPass(pass.Compacted, SkippedFiles, pass.Errors);
    }

    private async Task<bool> CompactDayAsync(string folder, StreamKey key, DateOnly day, bool complete, Pass pass, CancellationToken cancellation)
    {
        DeleteStaleTemporaries(folder);
        var final = Path.Combine(folder, ArchiveLayout.CompactedName(day));
        var ready = ArchiveLayout.Hidden(final, ReadyExtension);
        var finished = false;
        if (File.Exists(ready))
        {
            if (!await FinishAsync(ready, final, key, pass, cancellation).ConfigureAwait(false)) return false;
            finished = true;
        }
        if (!complete) return finished;

        var files = ArchiveLayout.DataFiles(folder);
        if (files.Count == 0 || (files.Count == 1 && files[0] == final)) return finished;

        // The compacted file first, so a duplicate open time keeps the candle it already holds.
        var sources = new List<string>();
        var candles = new List<Candle>();
        foreach (var file in files.OrderBy(f => f == final ? 0 : 1))
        {
            var read = await TryReadAsync(file, key, pass, cancellation).ConfigureAwait(false);
            if (read is null)
            {
                // An unreadable compacted file cannot be replaced without losing what it may hold: a person decides.
                if (file == final) return finished;
                continue;
            }
            sources.Add(file);
            candles.AddRange(read);
        }
        if (sources.Count == 0 || (sources.Count == 1 && sources[0] == final)) return finished;

        var readCount = candles.Count;
        var merged = CandleOrder.ByOpenTimeUnique(candles);
        if (merged.Count == 0) return finished;
        await PublishAsync(merged, key, sources, final, cancellation).ConfigureAwait(false);
        _logger.LogInformation("Compacted {Files} files of {Stream} on {Day} into {File}: {Candles} candles ({Duplicates} duplicates dropped).",
            sources.Count, key, day, Path.GetFileName(final), merged.Count, readCount - merged.Count);
        return true;
    }

    private static async Task PublishAsync(List<Candle> candles, StreamKey key, List<string> sources, string final, CancellationToken cancellation)
    {
        var temporary = ArchiveLayout.Hidden(final, ParquetCandleFile.TemporaryExtension);
        var ready = ArchiveLayout.Hidden(final, ReadyExtension);
        try
        {
            await ParquetCandleFile.WriteFileAsync(temporary, candles, cancellation).ConfigureAwait(false);
            var check = await ParquetCandleFile.ReadAsync(temporary, key, cancellation).ConfigureAwait(false);
            if (!check.Select(c => c.OpenTime).SequenceEqual(candles.Select(c => c.OpenTime)))
                throw new IOException($"The compacted file {temporary} does not read back as the {candles.Count} candles written.");
        }
        catch
        {
            Configuration.FileCleanup.TryDeleteFile(temporary);
            throw;
        }
        File.Move(temporary, ready, overwrite: true);
        // From here on the ready file holds the whole day: a kill from now on is finished by the next pass.
        foreach (var source in sources)
        {
            if (source != final) File.Delete(source);
        }
        File.Move(ready, final, overwrite: true);
    }

    // A ready file holds every candle of the sources it was merged from: a file whose candles it all holds is one of them
    // (or a repeat) and goes; any other file (unreadable, or with candles the ready file lacks) stays for the next merge.
    private async Task<bool> FinishAsync(string ready, string final, StreamKey key, Pass pass, CancellationToken cancellation)
    {
        HashSet<long> held;
        try
        {
            held = (await ParquetCandleFile.ReadAsync(ready, key, cancellation).ConfigureAwait(false)).Select(c => c.OpenTime).ToHashSet();
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            pass.Errors.Add($"{ready}: {e.Message}");
            _logger.LogError("The interrupted compaction {File} cannot be read, so its day is left as it is: {Reason}", ready, e.Message);
            return false;
        }

        var folder = Path.GetDirectoryName(final)!;
        foreach (var file in ArchiveLayout.DataFiles(folder))
        {
            var candles = await TryReadAsync(file, key, pass, cancellation).ConfigureAwait(false);
            var source = candles is not null && candles.All(c => held.Contains(c.OpenTime));
            if (file == final && !source)
            {
                pass.Errors.Add($"{ready}: {final} cannot be read or holds candles it lacks");
                _logger.LogError("The interrupted compaction {Ready} cannot replace {File}, which cannot be read or holds candles it lacks; " +
                    "both are left for a person to look at.", ready, final);
                return false;
            }
            if (source && file != final) File.Delete(file);
        }
        File.Move(ready, final, overwrite: true);
        _logger.LogInformation("Finished the interrupted compaction of {Stream} into {File}.", key, final);
        return true;
    }

    private async Task<List<Candle>?> TryReadAsync(string file, StreamKey key, Pass pass, CancellationToken cancellation)
    {
        if (pass.Skipped.Contains(file)) return null;
        try
        {
            return await ParquetCandleFile.ReadAsync(file, key, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            pass.Skipped.Add(file);
            _logger.LogWarning("The archive file {File} cannot be read as candles; it is left in place and not compacted: {Reason}", file, e.Message);
            return null;
        }
    }

    private void DeleteStaleTemporaries(string folder)
    {
        var before = _clock.GetUtcNow().UtcDateTime - StaleTemporaryAge;
        foreach (var file in Directory.EnumerateFiles(folder, ".*" + ParquetCandleFile.TemporaryExtension))
        {
            if (File.GetLastWriteTimeUtc(file) >= before) continue;
            Configuration.FileCleanup.TryDeleteFile(file);
            _logger.LogInformation("Deleted {File}, left behind by an interrupted write.", file);
        }
    }

    private sealed class Pass
    {
        public int Compacted;
        public readonly HashSet<string> Skipped = new(StringComparer.Ordinal);
        public readonly List<string> Errors = [];
    }
}
