using CryptoStreamLab.Core.Trading;
using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Web.Storage;

/// <summary>The ledger's health, for /api/status, /health and the dashboard. Holds no secrets.</summary>
public sealed record LedgerStatus(string DatabasePath, bool Writable, int PendingEntries, long EntriesWritten, string? LastError);

/// <summary>
/// Writes ledger entries as candles close. A write that fails (file read-only, locked, disk full) does not
/// stop trading or lose entries: they wait in memory, in order, the status says why, and the next write
/// retries them all in one transaction, so the ledger catches up when the file is writable again.
/// </summary>
public sealed class LedgerRecorder : IDisposable
{
    /// <summary>Beyond this many waiting entries the oldest are dropped and the loss is reported.</summary>
    private const int MaxPending = 200_000;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly List<LedgerEntry> _pending = [];
    private readonly ILogger<LedgerRecorder> _logger;
    private readonly TimeProvider _clock;
    private SqliteLedger? _ledger;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;
    private string? _lastError;
    private long _written;
    private long _dropped;

    private readonly TimeSpan? _busyTimeout;

    public LedgerRecorder(string databasePath, ILogger<LedgerRecorder> logger, TimeProvider? clock = null, TimeSpan? busyTimeout = null)
    {
        DatabasePath = databasePath;
        _busyTimeout = busyTimeout;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        TryOpen();
    }

    public string DatabasePath { get; }

    public LedgerStatus Status
    {
        get
        {
            lock (_gate) return new LedgerStatus(DatabasePath, _ledger is not null && _lastError is null, _pending.Count, _written, _lastError);
        }
    }

    /// <summary>What the ledger holds for a stream; null when it has nothing, or cannot be read (the status says why).</summary>
    public StreamLedger? Load(string stream, int maxPoints)
    {
        lock (_gate)
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

    /// <summary>Records one closed candle's entry, written (with any waiting ones) before this returns when the file allows.</summary>
    public void Record(in LedgerEntry entry)
    {
        lock (_gate)
        {
            if (_pending.Count == MaxPending)
            {
                _pending.RemoveAt(0);
                _dropped++;
            }

            _pending.Add(entry);
            if (_lastError is not null && _clock.GetUtcNow() - _lastFailure < RetryInterval) return;
            Flush();
        }
    }

    public void Reset(string stream, AccountState before, AccountState fresh, long asOfOpenTime)
    {
        lock (_gate)
        {
            _pending.RemoveAll(e => e.Stream == stream);
            if (!TryOpen()) return;
            try
            {
                _ledger!.Reset(stream, before, fresh, asOfOpenTime, _clock.GetUtcNow());
            }
            catch (SqliteException e)
            {
                Fail($"resetting {stream}", e);
            }
        }
    }

    /// <summary>
    /// Writes what is waiting and closes the file, folding the write-ahead log into it, so a stopped app leaves one
    /// self-contained database. A later write would open it again.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_pending.Count > 0) Flush();
            _ledger?.Dispose();
            _ledger = null;
        }
    }

    public void Dispose() => Close();

    private void Flush()
    {
        if (!TryOpen()) return;
        try
        {
            _ledger!.Write(_pending);
            _written += _pending.Count;
            _pending.Clear();
            if (_lastError is not null) _logger.LogInformation("Ledger {Path} is writable again; waiting entries were written", DatabasePath);
            _lastError = null;
        }
        catch (SqliteException e)
        {
            Fail("writing", e);
            // Reopen on the next try: a connection that hit a read-only or locked file can stay in that state.
            _ledger?.Dispose();
            _ledger = null;
        }
    }

    private bool TryOpen()
    {
        if (_ledger is not null) return true;
        try
        {
            _ledger = new SqliteLedger(DatabasePath, _busyTimeout);
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            Fail("opening", e);
            return false;
        }
    }

    private void Fail(string doing, Exception e)
    {
        var dropped = _dropped > 0 ? $"; {_dropped} oldest entries dropped after {MaxPending} waited" : "";
        var message = $"Ledger {doing} failed: {e.Message} ({_pending.Count} entries waiting{dropped})";
        if (message != _lastError) _logger.LogError("{Message}", message);
        _lastError = message;
        _lastFailure = _clock.GetUtcNow();
    }
}
