namespace CryptoStreamLab.Node.Ledger;

/// <summary>The ledger's health, for /api/status, /health and the dashboard. Holds no secrets.</summary>
/// <param name="Busy">The last write failed because another connection or program holds the file locked: a wait, not a fault.</param>
/// <param name="Dropped">Entries lost because more than the ledger's bound waited while it could not be written.</param>
public sealed record LedgerStatus(string DatabasePath, bool Writable, int PendingEntries, long EntriesWritten, string? LastError,
    bool Busy = false, long Dropped = 0);
