using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Tests.Node.Ledger;

/// <summary>
/// The account history read from the ledger file beside its writer: the newest row and fills at or before a time, nothing
/// for a file that does not exist, a named error for a damaged one, and every lookup a search of a primary key.
/// </summary>
public sealed class SqliteAccountHistoryTests : IDisposable
{
    private const string Id = "AVAXUSDT-1m/busy";
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private readonly TempFolder _dir = new("account-history-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private string DbPath => _dir.File("ledger.db");

    [Fact]
    public void The_account_at_a_time_is_the_newest_row_at_or_before_it_and_the_fills_the_newest_up_to_it()
    {
        var evaluations = new List<Evaluation>();
        var engine = new StreamEngine(Avax,
            new EngineSettings(new StrategyOptions { FastPeriod = 5, SlowPeriod = 15, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 }, new TradingOptions()));
        using var ledger = new SqliteLedger(DbPath);
        foreach (var candle in TestCandles.Avax().Take(2_000))
        {
            engine.Apply(candle);
            var e = engine.Evaluations[engine.Evaluations.Count - 1];
            evaluations.Add(e);
            ledger.Write([new LedgerEntry(Id, new EquityPoint(e.Candle.OpenTime, e.Candle.Close, e.Cash, e.Quantity, e.Equity), e.Fill, engine.Account.State)]);
        }
        // Another account's rows in between are not this one's.
        ledger.Write([new LedgerEntry("AVAXUSDT-1m/other", new EquityPoint(evaluations[500].Candle.OpenTime, 1, 2, 3, 4), null, default)]);
        var fills = evaluations.Where(e => e.Fill is not null).Select(e => e.Fill!.Value).ToList();
        fills.Should().HaveCountGreaterThan(20);

        // Read while the writer's connection is open.
        var history = new SqliteAccountHistory(DbPath);
        foreach (var index in new[] { 0, 1, 499, 500, 1_234, 1_999 })
        {
            var e = evaluations[index];
            var expected = new EquityPoint(e.Candle.OpenTime, e.Candle.Close, e.Cash, e.Quantity, e.Equity);
            foreach (var time in new[] { e.Candle.OpenTime, e.Candle.OpenTime + 59_999 })
            {
                history.AsOf(Id, time).Should().Be(expected, $"candle {index}, time {time}");
                history.FillsUpTo(Id, time, 7).Should().Equal(fills.Where(f => f.CandleOpenTime <= time).TakeLast(7), $"candle {index}");
            }
        }
        var fill = fills[fills.Count / 2];
        history.FillsUpTo(Id, fill.CandleOpenTime, 1).Should().Equal([fill], "a fill on the candle itself is up to it");
        history.FillsUpTo(Id, fill.CandleOpenTime - 1, 1).Should().NotEqual([fill]);
        history.FillsUpTo(Id, long.MaxValue, 0).Should().BeEmpty();
        history.AsOf(Id, evaluations[0].Candle.OpenTime - 1).Should().BeNull("nothing was recorded before the first candle");
        history.FillsUpTo(Id, evaluations[0].Candle.OpenTime - 1, 50).Should().BeEmpty();
        history.AsOf("AVAXUSDT-1m", long.MaxValue).Should().BeNull("accounts are kept apart by ledger id");
    }

    [Fact]
    public void A_ledger_that_does_not_exist_yet_holds_nothing_and_is_not_created()
    {
        var history = new SqliteAccountHistory(DbPath);

        history.AsOf(Id, long.MaxValue).Should().BeNull();
        history.FillsUpTo(Id, long.MaxValue, 50).Should().BeEmpty();
        File.Exists(DbPath).Should().BeFalse();
    }

    [Fact]
    public void A_damaged_ledger_is_an_error_naming_the_file()
    {
        File.WriteAllText(DbPath, "not a database, not even close; long enough to have a header of sorts: " + new string('x', 200));
        var history = new SqliteAccountHistory(DbPath);

        history.Invoking(h => h.AsOf(Id, 0)).Should().Throw<AccountHistoryException>().WithMessage($"The ledger {DbPath} could not be read: *");
        history.Invoking(h => h.FillsUpTo(Id, 0, 1)).Should().Throw<AccountHistoryException>();
    }

    [Theory]
    [InlineData(SqliteAccountHistory.AsOfSql, "equity")]
    [InlineData(SqliteAccountHistory.FillsSql, "fills")]
    public void Each_lookup_searches_the_table_s_primary_key_newest_first_without_sorting(string sql, string table)
    {
        new SqliteLedger(DbPath).Dispose();
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue("$stream", Id);
        command.Parameters.AddWithValue("$time", 0L);
        command.Parameters.AddWithValue("$limit", 1);
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read()) plan.Add(reader.GetString(3));

        plan.Should().ContainSingle().Which.Should().StartWith($"SEARCH {table} USING INDEX sqlite_autoindex_{table}_1 (stream=? AND ",
            "a search of the primary key's index, without a scan of the table or a sort (no TEMP B-TREE)");
    }
}
