using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>
/// Whether an existing ledger file is a sound SQLite database, checked at start before anything writes to it: a damaged or
/// foreign file stops the app naming it, and is left exactly as it is (never recreated, never written).
/// </summary>
public static class LedgerFileCheck
{
    private const int NotADatabase = 26; // SQLITE_NOTADB
    private const int Corrupt = 11; // SQLITE_CORRUPT
    private const int Busy = 5; // SQLITE_BUSY
    private const int Locked = 6; // SQLITE_LOCKED

    /// <summary>What is wrong with the file at <paramref name="databasePath"/>; null when it is sound or does not exist yet.</summary>
    public static string? Problem(string databasePath)
    {
        if (Directory.Exists(databasePath)) return $"the ledger {databasePath} is a folder, not a database file.";
        if (!File.Exists(databasePath)) return null;
        try
        {
            // ReadWrite without Create: a write-ahead log left by a killed run is applied as the app would, nothing is created.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 5,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(5);";
            using var reader = command.ExecuteReader();
            var results = new List<string>();
            while (reader.Read()) results.Add(reader.GetString(0));
            return results is ["ok"] ? null : Damaged(databasePath, string.Join("; ", results));
        }
        catch (SqliteException e) when (e.SqliteErrorCode is NotADatabase or Corrupt)
        {
            return Damaged(databasePath, e.Message);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is Busy or Locked)
        {
            return null; // Another process holds it (a second node on the same ledger): it opened, so it is a database.
        }
        catch (SqliteException e)
        {
            return $"the ledger {databasePath} cannot be opened: {e.Message}";
        }
    }

    private static string Damaged(string path, string what) =>
        $"the ledger {path} is not a sound SQLite database ({what}); it is left untouched: restore it from a backup, or move it away " +
        "to start a new ledger.";
}
