using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>
/// Records ledger entries as candles close. The caller (the candle consumer) only queues them: a writer thread of its own
/// writes what waits in one transaction per batch (group commit: it gathers for up to <see cref="GroupWindow"/> after the
/// first entry, or until <see cref="GroupSize"/> wait), so a locked, slow or read-only file never holds up trading, and the
/// status is answered at once from what is known. <see cref="Queued"/> and <see cref="Durable"/> number the entries so the
/// consumer commits a candle's offset only once its entry is written. A write that fails keeps the entries waiting in
/// memory, in order; the status says why, and the writer retries them all every second until the file is writable again.
/// </summary>
public sealed class LedgerRecorder : IDisposable
{
    /// <summary>Beyond this many waiting entries the oldest are dropped and the loss is reported.</summary>
    private const int MaxPending = 200_000;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the writer gathers entries after the first one before it writes them in one transaction.</summary>
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>A batch this large is written at once, without waiting for the rest of <see cref="GroupWindow"/>.</summary>
    public const int GroupSize = 2_000;

    // _gate guards the status and the writer's lifetime and is never held during file I/O; _io guards the connection.
    private readonly object _gate = new();
    private readonly object _io = new();
    private readonly LedgerQueue _queue = new(MaxPending);
    private readonly AutoResetEvent _wake = new(false);
    private readonly ILogger<LedgerRecorder> _logger;
    private readonly TimeProvider _clock;
    private readonly TimeSpan? _busyTimeout;
    private SqliteLedger? _ledger;
    private Thread? _writer;
    private bool _stopping;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;
    private string? _lastError;
    private bool _busy;
    private bool _open;
    private long _written, _transactions;

    // Metrics only: the time from Record() to the commit of the batch's oldest entry, and the entries per transaction.
    private readonly PipelineMetrics? _metrics;
    private readonly OldestWaiting _oldestWaiting = new();

    /// <param name="busyTimeout">How long the writer thread waits for another holder's lock before it retries later (2 s by default).</param>
    public LedgerRecorder(string databasePath, ILogger<LedgerRecorder> logger, TimeProvider? clock = null, TimeSpan? busyTimeout = null,
        PipelineMetrics? metrics = null)
    {
        _metrics = metrics;
        DatabasePath = databasePath;
        _busyTimeout = busyTimeout;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        lock (_io) TryOpen();
    }

    public string DatabasePath { get; }

    /// <summary>Never waits for the file: what the writer last found, and what waits.</summary>
    public LedgerStatus Status
    {
        get
        {
            lock (_gate)
                return new LedgerStatus(DatabasePath, _open && _lastError is null, _queue.Count, _written, _lastError, _busy && _lastError is not null,
                    _queue.Dropped);
        }
    }

    /// <summary>What the ledger holds for a stream; null when it has nothing, or cannot be read (the status says why).</summary>
    public StreamLedger? Load(string stream, int maxPoints)
    {
        lock (_io)
        {
            if (!TryOpen()) return null;
            try
            {
                return _ledger!.Load(stream, maxPoints);
            }
            catch (Exception e) when (e is SqliteException or FormatException or ArgumentException)
            {
                Fail($"reading {stream}", e);
                return null;
            }
        }
    }

    /// <summary>The number of the newest entry or reset queued (they are numbered from 1 in the order queued).</summary>
    public long Queued => _queue.Queued;

    /// <summary>Every entry or reset numbered up to this is written (or was dropped, and the status says so).</summary>
    public long Durable => _queue.Settled;

    /// <summary>Transactions of entries committed so far: with group commit, far fewer than the entries written.</summary>
    public long TransactionsWritten
    {
        get { lock (_gate) return _transactions; }
    }

    /// <summary>Queues one closed candle's entry for the writer thread; returns at once, whatever the state of the file.</summary>
    public void Record(in LedgerEntry entry)
    {
        _oldestWaiting.Queued();
        // The writer is woken by the first entry of a batch (it then gathers for the group window) and by a full batch only.
        var waiting = _queue.Add(entry);
        if (waiting == 1 || waiting == GroupSize || _writer is null) WakeWriter();
    }

    /// <summary>Queues a stream's reset after what waits (its waiting entries are dropped: the reset clears them anyway).</summary>
    public void Reset(string stream, AccountState before, AccountState fresh, long asOfOpenTime)
    {
        _queue.Add(new LedgerReset(stream, before, fresh, asOfOpenTime, _clock.GetUtcNow()));
        WakeWriter();
    }

    /// <summary>Blocks until nothing waits to be written (true) or <paramref name="timeout"/> passes (false).</summary>
    public bool WaitForWrites(TimeSpan timeout) => _queue.WaitUntilEmpty(timeout);

    /// <summary>
    /// Stops the writer, writes what is waiting (one last try) and closes the file, folding the write-ahead log into it, so a
    /// stopped app leaves one self-contained database. A later entry starts the writer and opens the file again.
    /// </summary>
    public void Close()
    {
        Thread? writer;
        lock (_gate)
        {
            writer = _writer;
            _writer = null;
            _stopping = true;
        }
        if (writer is not null)
        {
            _wake.Set();
            writer.Join();
        }
        lock (_io)
        {
            WriteWaiting();
            _ledger?.Dispose();
            _ledger = null;
        }
        lock (_gate) _stopping = false;
    }

    public void Dispose()
    {
        Close();
        _wake.Dispose();
    }

    private void WakeWriter()
    {
        lock (_gate)
        {
            if (_writer is null && !_stopping)
            {
                _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Ledger writer" };
                _writer.Start();
            }
        }
        _wake.Set();
    }

    private void WriteLoop()
    {
        while (true)
        {
            _wake.WaitOne(RetryInterval);
            lock (_gate)
            {
                if (_stopping) return;
                // After a failure, try again once a retry interval has passed, not at every new entry.
                if (_lastError is not null && _clock.GetUtcNow() - _lastFailure < RetryInterval) continue;
            }
            if (!Gather()) return; // stopping: Close writes what waits
            lock (_io) WriteWaiting();
        }
    }

    /// <summary>Waits out the group window unless a full batch waits first; false when the recorder is stopping.</summary>
    private bool Gather()
    {
        var until = Environment.TickCount64 + (long)GroupWindow.TotalMilliseconds;
        while (_queue.Count < GroupSize && Environment.TickCount64 < until)
        {
            _wake.WaitOne((int)Math.Max(1, until - Environment.TickCount64));
            lock (_gate)
                if (_stopping) return false;
        }
        return true;
    }

    /// <summary>Under _io: writes what waits, in order, one transaction per run of entries; what fails waits again, first.</summary>
    private void WriteWaiting()
    {
        if (_queue.IsEmpty) return;
        var oldestQueuedAt = _oldestWaiting.Take();
        var batch = _queue.Take();
        var done = 0;
        var written = 0;
        var transactions = 0;
        var doing = "writing";
        Exception? failure = null;
        if (TryOpen())
        {
            var entries = new List<LedgerEntry>();
            try
            {
                while (done < batch.Count)
                {
                    entries.Clear();
                    var end = done;
                    for (; end < batch.Count && batch[end].Entry is { } entry; end++) entries.Add(entry);
                    doing = "writing";
                    if (entries.Count > 0)
                    {
                        _ledger!.Write(entries);
                        transactions++;
                        _metrics?.RecordLedgerCommitted(entries.Count, oldestQueuedAt);
                    }
                    written += entries.Count;
                    done = end;
                    if (done < batch.Count && batch[done].Reset is { } reset)
                    {
                        doing = $"resetting {reset.Stream}";
                        _ledger!.Reset(reset.Stream, reset.Before, reset.Fresh, reset.AsOfOpenTime, reset.At);
                        done++;
                    }
                }
            }
            catch (SqliteException e)
            {
                failure = e;
                // Reopen on the next try: a connection that hit a read-only or locked file can stay in that state.
                _ledger?.Dispose();
                _ledger = null;
            }
        }

        lock (_gate)
        {
            _written += written;
            _transactions += transactions;
        }
        _queue.Finished(batch, done);
        if (done < batch.Count) _oldestWaiting.PutBack(oldestQueuedAt);
        if (failure is not null) Fail(doing, failure);
        else if (done == batch.Count) Recovered();
    }

    private void Recovered()
    {
        lock (_gate)
        {
            if (_lastError is null) return;
            _lastError = null;
            _busy = false;
        }
        _logger.LogInformation("Ledger {Path} is writable again; waiting entries were written", DatabasePath);
    }

    // Under _io.
    private bool TryOpen()
    {
        if (_ledger is not null) return true;
        try
        {
            _ledger = new SqliteLedger(DatabasePath, _busyTimeout);
            lock (_gate) _open = true;
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            lock (_gate) _open = false;
            Fail("opening", e);
            return false;
        }
    }

    private void Fail(string doing, Exception e)
    {
        var dropped = _queue.Dropped is > 0 and var count ? $"; {count} oldest entries dropped after {MaxPending} waited" : "";
        var message = $"Ledger {doing} failed: {e.Message} ({_queue.Count} entries waiting{dropped})";
        bool changed;
        lock (_gate)
        {
            changed = message != _lastError;
            _lastError = message;
            // SQLITE_BUSY or SQLITE_LOCKED: another connection or program holds the file, which is a wait rather than a fault.
            _busy = e is SqliteException { SqliteErrorCode: 5 or 6 };
            _lastFailure = _clock.GetUtcNow();
        }
        if (changed) _logger.LogError("{Message}", message);
    }
}
