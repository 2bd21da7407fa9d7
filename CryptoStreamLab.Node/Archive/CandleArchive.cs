using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Archive;

/// <summary>
/// Takes the engines' closed candles into a bounded in-memory queue (the engine thread never waits on the disk) and
/// writes them, when flushed, as one new Parquet file per stream and UTC day under the dataset root. A flush that fails
/// (folder read-only, missing, disk full) keeps the candles queued, in order, and the status says why; the next flush
/// retries them. A full queue drops its oldest candle, counted and logged. A starting engine reads its stream's newest
/// candles back from here.
/// </summary>
public sealed class CandleArchive : ICandleArchive, IArchiveHorizon
{
    /// <summary>About 150 bytes a candle: some 75 MB at most while the folder cannot be written.</summary>
    public const int DefaultCapacity = 500_000;

    /// <summary>This many waiting candles wake the writer before its interval, so a full-speed replay is written in batches.</summary>
    public const int BatchSize = 100_000;

    /// <summary>Files written at once in a flush of a full batch (a replay or backfill at full speed).</summary>
    private const int BulkWriters = 2;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly SemaphoreSlim _batchReady = new(0, 1);
    private readonly ILogger<CandleArchive> _logger;
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private Queue<Candle> _queue = new();
    private Candle[] _inFlight = [];
    private long _written;
    private long _files;
    private long _dropped;
    private long _refused;
    private DateTimeOffset? _lastFlush;
    private string? _lastError;

    public CandleArchive(string root, bool enabled, ILogger<CandleArchive> logger, TimeProvider? clock = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Root = root;
        Enabled = enabled;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        Reader = new CandleArchiveReader(root, logger, _clock);
        _capacity = capacity;
    }

    /// <summary>The dataset's root folder.</summary>
    public string Root { get; }

    public bool Enabled { get; }

    /// <summary>Reads the dataset back.</summary>
    public CandleArchiveReader Reader { get; }

    public ArchiveStatus Status
    {
        get
        {
            lock (_gate) return new ArchiveStatus(Root, Enabled, _lastError is null, _written, _files, _queue.Count + _inFlight.Length, _dropped, _lastFlush, _lastError,
                Reader.Problems);
        }
    }

    public IReadOnlyList<Candle> Newest(StreamKey key, int count)
    {
        if (!Enabled) return [];
        List<Candle> candles;
        try
        {
            candles = Reader.ReadNewestAsync(key, count).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("The archive of {Stream} could not be read: {Error}; the stream starts without it.", key, e.Message);
            candles = [];
        }
        lock (_gate)
        {
            var newest = candles.Count > 0 ? candles[^1].OpenTime : long.MinValue;
            // Candles of the stream committed since the last flush (it ran here before, and was handed back).
            foreach (var candle in _inFlight.Concat(_queue))
            {
                if (candle.Symbol == key.Symbol && candle.Interval == key.Interval && candle.OpenTime > newest)
                {
                    candles.Add(candle);
                    newest = candle.OpenTime;
                }
            }
        }
        return candles.Count > count ? candles.GetRange(candles.Count - count, count) : candles;
    }

    public long? NewestArchived(StreamKey key) => Newest(key, 1) is [var newest] ? newest.OpenTime : null;

    public void Add(in Candle candle)
    {
        // Engines only commit candles an entry accepted; the archive checks again because a bad one here would fail
        // every flush of its day, or be read back at the next start.
        if (CandleRules.Problem(candle, _clock.GetUtcNow().ToUnixTimeMilliseconds()) is { } problem)
        {
            Refuse(candle, problem);
            return;
        }
        lock (_gate)
        {
            if (_queue.Count >= _capacity) DropOldest(1);
            _queue.Enqueue(candle);
            if (_queue.Count % BatchSize == 0 && _batchReady.CurrentCount == 0) _batchReady.Release();
        }
    }

    /// <summary>Waits until a batch is waiting or <paramref name="timeout"/> has passed.</summary>
    public Task WaitForBatchAsync(TimeSpan timeout, CancellationToken cancellation) => _batchReady.WaitAsync(timeout, cancellation);

    /// <summary>Writes every waiting candle; true when all were written (or none waited).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellation = default)
    {
        await _flushing.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            Candle[] batch;
            lock (_gate)
            {
                if (_queue.Count == 0) return true;
                batch = _queue.ToArray();
                _queue.Clear();
                _inFlight = batch;
            }
            return await WriteAsync(batch, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task<bool> WriteAsync(Candle[] batch, CancellationToken cancellation)
    {
        var partitions = ArchiveLayout.PartitionByDay(batch).ToArray();
        var errors = new string?[partitions.Length];
        var refused = new bool[partitions.Length];
        // The files of one flush are independent: in bulk, two at a time keep both cores busy; a routine flush writes one at
        // a time, leaving a core to the live path (measured in BENCHMARKS.md).
        var writers = batch.Length >= BatchSize ? BulkWriters : 1;
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions.Length), new ParallelOptions { MaxDegreeOfParallelism = writers },
            async (i, _) =>
            {
                var folder = Configuration.PathGuard.Within(Root, partitions[i].Key);
                if (folder is null)
                {
                    // Never writable, so never requeued: retrying would block nothing but fail every flush for good.
                    refused[i] = true;
                    return;
                }
                // A stop that cannot wait any longer: what is left stays queued rather than lost.
                if (cancellation.IsCancellationRequested)
                {
                    errors[i] = "Archive writing was cancelled.";
                    return;
                }
                try
                {
                    await ParquetCandleFile.WriteAsync(folder, partitions[i].Value, cancellation).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    errors[i] = $"Archive writing failed in {folder}: {e.Message}";
                }
            }).ConfigureAwait(false);

        var failed = new List<Candle>();
        string? error = null;
        long written = 0, files = 0;
        for (var i = 0; i < partitions.Length; i++)
        {
            if (refused[i])
            {
                foreach (var candle in partitions[i].Value) Refuse(candle, $"its folder '{partitions[i].Key}' would lie outside {Root}");
                continue;
            }
            if (errors[i] is { } problem)
            {
                error ??= problem;
                failed.AddRange(partitions[i].Value);
                continue;
            }
            written += partitions[i].Value.Count;
            files++;
        }

        lock (_gate)
        {
            _inFlight = [];
            _written += written;
            _files += files;
            if (failed.Count > 0) Requeue(failed);
            var recovered = _lastError is not null && error is null;
            _lastError = error;
            if (error is null) _lastFlush = _clock.GetUtcNow();
            if (error is not null) _logger.LogWarning("{Error}; {Pending} candles wait for the next attempt.", error, _queue.Count);
            else if (recovered) _logger.LogInformation("The archive at {Root} is writable again.", Root);
        }
        return error is null;
    }

    // Failed candles go back before the ones that arrived meanwhile; beyond the capacity the oldest are dropped.
    private void Requeue(List<Candle> failed)
    {
        var merged = new Queue<Candle>(failed.Count + _queue.Count);
        foreach (var candle in failed) merged.Enqueue(candle);
        foreach (var candle in _queue) merged.Enqueue(candle);
        _queue = merged;
        if (_queue.Count > _capacity) DropOldest(_queue.Count - _capacity);
    }

    /// <summary>Candles the archive would not take, counted and logged (the first, then one in 1,000).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    private void Refuse(in Candle candle, string problem)
    {
        var refused = Interlocked.Increment(ref _refused);
        if (refused == 1 || refused % 1_000 == 0)
        {
            _logger.LogWarning("The archive refused a candle of {Stream} opening {OpenTime}: {Problem} ({Refused} refused so far).",
                SymbolRules.Printable(candle.Symbol) + " " + candle.Interval.ToCode(), candle.OpenTime, problem, refused);
        }
    }

    private void DropOldest(int count)
    {
        for (var i = 0; i < count; i++) _queue.Dequeue();
        var before = _dropped;
        _dropped += count;
        // Logged on the first loss and then once per 10,000, so a long outage cannot flood the log.
        if (before == 0 || before / 10_000 != _dropped / 10_000)
        {
            _logger.LogWarning("The archive queue is full ({Capacity} candles): {Dropped} oldest candles dropped so far, never to be archived. {Error}",
                _capacity, _dropped, _lastError ?? "");
        }
    }
}
