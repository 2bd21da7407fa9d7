using System.Globalization;
using CryptoStreamLab.Core.Trading;
using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>
/// <see cref="IAccountHistory"/> from the ledger file, read through a connection of its own per question (read-only, closed
/// right after, so nothing holds the file when the app stops and the writer folds the write-ahead log in) beside the writer's:
/// the ledger runs in WAL mode, so readers neither wait for the writer nor hold it up, and see every committed batch.
/// Each question is one lookup on a table's primary key (stream, open time), newest first with a limit, so its cost does not
/// grow with the length of the history. A ledger file that does not exist yet holds nothing.
/// </summary>
public sealed class SqliteAccountHistory(string databasePath) : IAccountHistory
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
        DefaultTimeout = 5,
    }.ToString();

    /// <summary>The newest equity row at or before $time: a search of the primary key (stream, open_time), read backwards.</summary>
    internal const string AsOfSql = """
        SELECT open_time, close, cash, quantity, equity FROM equity
        WHERE stream = $stream AND open_time <= $time ORDER BY open_time DESC LIMIT $limit
        """;

    /// <summary>The newest $limit fills at or before $time: a search of the primary key (stream, candle_open_time), read backwards.</summary>
    internal const string FillsSql = """
        SELECT candle_open_time, side, price, quantity, fee, cash_after, quantity_after, reason FROM fills
        WHERE stream = $stream AND candle_open_time <= $time ORDER BY candle_open_time DESC LIMIT $limit
        """;

    public string DatabasePath { get; } = databasePath;

    public EquityPoint? AsOf(string ledgerId, long time) =>
        Read(ledgerId, time, AsOfSql, 1, reader =>
                new EquityPoint(reader.GetInt64(0), Number(reader, 1), Number(reader, 2), Number(reader, 3), Number(reader, 4)))
            is [var point] ? point : null;

    public IReadOnlyList<Fill> FillsUpTo(string ledgerId, long time, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var newestFirst = Read(ledgerId, time, FillsSql, count, reader => new Fill(reader.GetInt64(0), Side(reader.GetString(1)),
            Number(reader, 2), Number(reader, 3), Number(reader, 4), Number(reader, 5), Number(reader, 6), Reason(reader.GetString(7))));
        newestFirst.Reverse();
        return newestFirst;
    }

    private List<T> Read<T>(string ledgerId, long time, string sql, int limit, Func<SqliteDataReader, T> row)
    {
        var rows = new List<T>();
        if (limit == 0 || !File.Exists(DatabasePath)) return rows;
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$stream", ledgerId);
            command.Parameters.AddWithValue("$time", time);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            while (reader.Read()) rows.Add(row(reader));
            return rows;
        }
        catch (Exception e) when (e is SqliteException or FormatException)
        {
            throw new AccountHistoryException($"The ledger {DatabasePath} could not be read: {e.Message}", e);
        }
    }

    private static decimal Number(SqliteDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static TradeSide Side(string text) =>
        TradeText.SideFromName(text) ?? throw new FormatException($"the ledger's fill side '{text}' is not Buy or Sell");

    private static FillReason Reason(string text) =>
        TradeText.ReasonFromName(text) ?? throw new FormatException($"the ledger's fill reason '{text}' is not Signal, StopLoss or TakeProfit");
}
