using System.Globalization;
using CryptoStreamLab.Core.Trading;
using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>
/// The paper accounts' durable record in SQLite (WAL): fills keyed by stream and candle open time, so
/// re-applying a candle never fills twice; an equity point per closed candle; the account as of the last
/// candle; and account resets. Money is stored as decimal text, exactly. Each batch is one transaction.
/// </summary>
public sealed class SqliteLedger : IDisposable
{
    private readonly SqliteConnection _connection;
    private (SqliteCommand Fill, SqliteCommand Equity, SqliteCommand Account)? _writes;

    /// <param name="busyTimeout">How long a write waits for another process's lock before failing.</param>
    public SqliteLedger(string databasePath, TimeSpan? busyTimeout = null)
    {
        DatabasePath = databasePath;
        var folder = Path.GetDirectoryName(databasePath);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        _connection.Open();
        var busyMs = (int)(busyTimeout ?? TimeSpan.FromSeconds(2)).TotalMilliseconds;
        Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyMs};");
        Execute("""
            CREATE TABLE IF NOT EXISTS fills (
                stream TEXT NOT NULL, candle_open_time INTEGER NOT NULL, side TEXT NOT NULL, reason TEXT NOT NULL,
                price TEXT NOT NULL, quantity TEXT NOT NULL, fee TEXT NOT NULL, cash_after TEXT NOT NULL, quantity_after TEXT NOT NULL,
                PRIMARY KEY (stream, candle_open_time));
            CREATE TABLE IF NOT EXISTS equity (
                stream TEXT NOT NULL, open_time INTEGER NOT NULL, close TEXT NOT NULL, cash TEXT NOT NULL, quantity TEXT NOT NULL,
                equity TEXT NOT NULL, PRIMARY KEY (stream, open_time));
            CREATE TABLE IF NOT EXISTS accounts (
                stream TEXT PRIMARY KEY, cash TEXT NOT NULL, quantity TEXT NOT NULL, entry_price TEXT NOT NULL, fees_paid TEXT NOT NULL,
                fill_count INTEGER NOT NULL, as_of_open_time INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS resets (
                stream TEXT NOT NULL, reset_at TEXT NOT NULL, as_of_open_time INTEGER NOT NULL, cash_before TEXT NOT NULL,
                quantity_before TEXT NOT NULL);
            """);
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Writes a batch in one transaction: all of it or none of it. The three statements are prepared once per connection and
    /// reused with new values for every row: parsing SQL for each row cost more than writing it.
    /// </summary>
    public void Write(IReadOnlyList<LedgerEntry> entries)
    {
        using var transaction = _connection.BeginTransaction();
        var (fill, equity, account) = _writes ??= new(
            Prepared("INSERT OR IGNORE INTO fills VALUES ($stream, $time, $side, $reason, $price, $quantity, $fee, $cash, $quantityAfter)",
                "$stream", "$time", "$side", "$reason", "$price", "$quantity", "$fee", "$cash", "$quantityAfter"),
            Prepared("INSERT OR REPLACE INTO equity VALUES ($stream, $time, $close, $cash, $quantity, $equity)",
                "$stream", "$time", "$close", "$cash", "$quantity", "$equity"),
            Prepared("""
                INSERT INTO accounts VALUES ($stream, $cash, $quantity, $entry, $fees, $count, $time)
                ON CONFLICT (stream) DO UPDATE SET cash = $cash, quantity = $quantity, entry_price = $entry, fees_paid = $fees,
                    fill_count = $count, as_of_open_time = $time
                WHERE $time >= accounts.as_of_open_time
                """, "$stream", "$cash", "$quantity", "$entry", "$fees", "$count", "$time"));
        fill.Transaction = equity.Transaction = account.Transaction = transaction;
        foreach (var entry in entries)
        {
            if (entry.Fill is { } f)
            {
                Run(fill, entry.Stream, f.CandleOpenTime, f.Side.Name(), f.Reason.Name(), Text(f.Price), Text(f.Quantity), Text(f.Fee),
                    Text(f.CashAfter), Text(f.QuantityAfter));
            }

            var p = entry.Point;
            Run(equity, entry.Stream, p.OpenTime, Text(p.Close), Text(p.Cash), Text(p.Quantity), Text(p.Equity));
            var a = entry.Account;
            Run(account, entry.Stream, Text(a.Cash), Text(a.Quantity), Text(a.EntryPrice), Text(a.FeesPaid), a.FillCount, p.OpenTime);
        }

        transaction.Commit();
    }

    /// <summary>Starts a stream's account afresh and records that it was reset; its fills and curve are cleared.</summary>
    public void Reset(string stream, AccountState before, AccountState fresh, long asOfOpenTime, DateTimeOffset at)
    {
        using var transaction = _connection.BeginTransaction();
        using (var reset = Command(transaction, "INSERT INTO resets VALUES ($stream, $at, $time, $cash, $quantity)"))
            Run(reset, ("$stream", stream), ("$at", at.ToString("O", CultureInfo.InvariantCulture)), ("$time", asOfOpenTime),
                ("$cash", Text(before.Cash)), ("$quantity", Text(before.Quantity)));
        foreach (var table in new[] { "fills", "equity", "accounts" })
        {
            using var delete = Command(transaction, $"DELETE FROM {table} WHERE stream = $stream");
            Run(delete, ("$stream", stream));
        }

        using (var account = Command(transaction, "INSERT INTO accounts VALUES ($stream, $cash, $quantity, $entry, $fees, $count, $time)"))
            Run(account, ("$stream", stream), ("$cash", Text(fresh.Cash)), ("$quantity", Text(fresh.Quantity)), ("$entry", Text(fresh.EntryPrice)),
                ("$fees", Text(fresh.FeesPaid)), ("$count", fresh.FillCount), ("$time", asOfOpenTime));
        transaction.Commit();
    }

    /// <summary>What the ledger holds for a stream, or null when it has never traded; the curve keeps the last <paramref name="maxPoints"/>.</summary>
    public StreamLedger? Load(string stream, int maxPoints)
    {
        using var account = Command(null, "SELECT cash, quantity, entry_price, fees_paid, fill_count, as_of_open_time FROM accounts WHERE stream = $stream");
        account.Parameters.AddWithValue("$stream", stream);
        AccountState state;
        long asOf;
        using (var reader = account.ExecuteReader())
        {
            if (!reader.Read()) return null;
            state = new AccountState(Number(reader, 0), Number(reader, 1), Number(reader, 2), Number(reader, 3), reader.GetInt32(4));
            asOf = reader.GetInt64(5);
        }

        var fills = new List<Fill>();
        using (var command = Command(null, """
                   SELECT candle_open_time, side, price, quantity, fee, cash_after, quantity_after, reason FROM fills
                   WHERE stream = $stream ORDER BY candle_open_time
                   """))
        {
            command.Parameters.AddWithValue("$stream", stream);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                fills.Add(new Fill(reader.GetInt64(0), SideFromName(reader.GetString(1)), Number(reader, 2), Number(reader, 3),
                    Number(reader, 4), Number(reader, 5), Number(reader, 6), ReasonFromName(reader.GetString(7))));
            }
        }

        var curve = new List<EquityPoint>();
        using (var command = Command(null, """
                   SELECT open_time, close, cash, quantity, equity FROM
                   (SELECT * FROM equity WHERE stream = $stream ORDER BY open_time DESC LIMIT $limit) ORDER BY open_time
                   """))
        {
            command.Parameters.AddWithValue("$stream", stream);
            command.Parameters.AddWithValue("$limit", maxPoints);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                curve.Add(new EquityPoint(reader.GetInt64(0), Number(reader, 1), Number(reader, 2), Number(reader, 3), Number(reader, 4)));
        }

        return new StreamLedger(state, asOf, fills, curve);
    }

    /// <summary>Resets recorded for a stream, oldest first.</summary>
    public int ResetCount(string stream)
    {
        using var command = Command(null, "SELECT COUNT(*) FROM resets WHERE stream = $stream");
        command.Parameters.AddWithValue("$stream", stream);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        // Fold the write-ahead log into the database so a clean shutdown leaves one self-contained file.
        try
        {
            Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // A read-only or locked file keeps its WAL; SQLite replays it on the next open.
        }

        if (_writes is var (fill, equity, account))
        {
            fill.Dispose();
            equity.Dispose();
            account.Dispose();
        }
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = Command(null, sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Prepared(string sql, params string[] names)
    {
        var command = Command(null, sql);
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    /// <summary>Runs a prepared statement with its parameters' values in the order they were declared.</summary>
    private static void Run(SqliteCommand command, params ReadOnlySpan<object> values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Number(SqliteDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static TradeSide SideFromName(string text) =>
        TradeText.SideFromName(text) ?? throw new FormatException($"the ledger's fill side '{text}' is not Buy or Sell");

    private static FillReason ReasonFromName(string text) =>
        TradeText.ReasonFromName(text) ?? throw new FormatException($"the ledger's fill reason '{text}' is not Signal, StopLoss or TakeProfit");
}
