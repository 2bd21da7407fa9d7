using System.IO.Compression;
using System.Text.Json;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// The app killed with SIGKILL in the middle of a replay and started again on the same ledger and archive ends with
/// exactly the ledger and the archive of a run that was never interrupted: for every (stream, strategy) — two strategies
/// run on each stream — same fills (none lost, none twice), same account, same equity curve; every candle archived once,
/// every file readable.
/// </summary>
[Collection(RunsAloneCollection.Name)] // timing decides where the kill lands: no other test competes for the cores meanwhile
public sealed class KillAndRestartTests : IDisposable
{
    private const int CandlesPerFile = 600;
    private const int UpdatesPerCandle = 2;
    private static readonly string[] Streams = ["BTCUSDT-1m", "AVAXUSDT-1m", "LTCUSDT-1m"];

    /// <summary>Each (stream, strategy)'s rows in the ledger: stream/strategy.</summary>
    private static readonly string[] Books = [.. Streams.SelectMany(s => new[] { $"{s}/seed", $"{s}/breakout" })];

    private readonly string _dir = Directory.CreateTempSubdirectory("kill-restart-").FullName;
    private readonly List<AppProcess> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_run_killed_mid_stream_and_restarted_ends_with_the_ledger_and_archive_of_an_uninterrupted_run()
    {
        var files = new[]
        {
            Slice(TestCandles.PathOf(TestCandles.BtcGenericFile), "BTCUSDT-1m-2023-03-01.csv"),
            Slice(TestCandles.PathOf(TestCandles.AvaxFile), "AVAXUSDT-1m-2026-02-01.csv"),
            Slice(Path.Combine(RepositoryPaths.WebProject, "SampleData", "LTCUSDT-1m-2026-02-01_02-futures.csv.gz"), "LTCUSDT-1m-2026-02-01.csv"),
        };
        var total = files.Length * CandlesPerFile * UpdatesPerCandle;

        // Both runs at once: the machine's cores are shared, and neither run's result depends on timing.
        var reference = Start(files, "uninterrupted");
        var victim = Start(files, "killed");

        var atKill = await victim.WaitForStatusAsync(
            s => Published(s) >= total * 2 / 5 && s.GetProperty("ledger").GetProperty("entriesWritten").GetInt64() > 0,
            TimeSpan.FromSeconds(40), "the replay to be well under way");
        victim.KillHard();
        atKill.GetProperty("source").GetProperty("state").GetString().Should().NotBe("finished", "the kill must land mid-stream");
        var beforeRestart = Read("killed");
        var archivedBeforeRestart = ArchivedRows("killed").Count;

        var restarted = Start(files, "killed");
        // The restarted replay skips every candle its archive holds; the victim went on publishing (and archiving) after the
        // status read above, up to the kill, so what is left is counted from the archive, not from that read.
        await Task.WhenAll(
            WaitUntilFinishedAsync(reference, total),
            WaitUntilFinishedAsync(restarted, (Streams.Length * CandlesPerFile - archivedBeforeRestart) * UpdatesPerCandle));
        // Stop them before reading: the comparison is between files, not live processes.
        reference.KillHard();
        restarted.KillHard();

        var expected = Read("uninterrupted");
        var actual = Read("killed");
        foreach (var stream in Books)
        {
            var e = expected[stream]!;
            var a = actual[stream]!;
            a.Fills.Should().Equal(e.Fills, $"{stream}'s fills must be neither lost nor duplicated");
            a.Account.Should().Be(e.Account, stream);
            a.AsOfOpenTime.Should().Be(e.AsOfOpenTime, stream);
            a.EquityCurve.Should().Equal(e.EquityCurve, $"{stream}'s equity curve must continue across the restart");
            a.EquityCurve.Zip(a.EquityCurve.Skip(1)).Should().OnlyContain(pair => pair.Second.OpenTime - pair.First.OpenTime == 60_000,
                "one point per closed one-minute candle, no gap at the restart");
        }

        // The comparison means something only if trading happened on both sides of the kill.
        foreach (var strategy in new[] { "seed", "breakout" })
        {
            var books = Books.Where(b => b.EndsWith("/" + strategy, StringComparison.Ordinal)).ToList();
            var fillsBefore = books.Sum(s => beforeRestart.GetValueOrDefault(s)?.Fills.Count ?? 0);
            var fillsAfter = books.Sum(s => expected[s]!.Fills.Count);
            fillsBefore.Should().BeGreaterThan(0, $"some of {strategy}'s fills should be in the ledger when the app is killed");
            fillsAfter.Should().BeGreaterThan(fillsBefore, $"some of {strategy}'s fills should come after the restart");
        }

        Books.Sum(s => beforeRestart.GetValueOrDefault(s)?.EquityCurve.Count ?? 0).Should().BeLessThan(Books.Length * (CandlesPerFile - 1));

        // The archive, read by an independent Parquet reader: every candle once, as in the uninterrupted run.
        var archived = ArchivedRows("killed");
        archived.Should().Equal(ArchivedRows("uninterrupted"));
        archived.Should().HaveCount(Streams.Length * CandlesPerFile).And.OnlyHaveUniqueItems();
        archivedBeforeRestart.Should().BeLessThan(archived.Count, "the kill must land before the archive was complete");
    }

    private AppProcess Start(string[] files, string ledger)
    {
        var settings = new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Loop"] = "false",
            // 600 one-minute candles in about 12 s: quick, yet slow enough to be killed half-way on a busy machine too.
            ["MarketData:Replay:Speed"] = "3000",
            // Every candle in real time, none in a warm start at once, so the kill lands in the middle of the trading.
            ["MarketData:Replay:Backfill"] = "00:00:00",
            ["MarketData:Replay:UpdatesPerCandle"] = UpdatesPerCandle.ToString(),
            ["Storage:Path"] = Path.Combine(_dir, ledger),
            ["Archive:Path"] = Path.Combine(_dir, ledger, "archive"),
            ["Archive:FlushInterval"] = "00:00:00.200",
            // Two strategies on every stream, with short periods so a few hundred candles trade several times.
            ["Strategies:0:Name"] = "seed",
            ["Strategies:0:Type"] = "CrossoverRsi",
            ["Strategies:0:FastPeriod"] = "5",
            ["Strategies:0:SlowPeriod"] = "15",
            ["Strategies:1:Name"] = "breakout",
            ["Strategies:1:Type"] = "DonchianBreakout",
            ["Strategies:1:EntryPeriod"] = "10",
            ["Strategies:1:ExitPeriod"] = "5",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // The replay files' names (SYMBOL-INTERVAL-…) are the streams the app follows.
        for (var i = 0; i < files.Length; i++) settings[$"MarketData:Replay:Files:{i}"] = files[i];
        var app = AppProcess.Start(settings);
        _apps.Add(app);
        return app;
    }

    private static long Published(JsonElement status) => status.GetProperty("source").GetProperty("published").GetInt64();

    // A restarted replay skips what its archive holds, so it publishes fewer updates than the whole files.
    private static Task WaitUntilFinishedAsync(AppProcess app, long atLeast) =>
        app.WaitForStatusAsync(s =>
            s.GetProperty("source").GetProperty("state").GetString() == "finished" && Published(s) >= atLeast &&
            s.GetProperty("kafka").GetProperty("applied").GetInt64() == Published(s) &&
            s.GetProperty("ledger").GetProperty("pendingEntries").GetInt32() == 0 &&
            s.GetProperty("archive").GetProperty("pending").GetInt32() == 0,
            TimeSpan.FromSeconds(45), "every replayed update to be applied, recorded and archived");

    private List<string> ArchivedRows(string run)
    {
        var root = Path.Combine(_dir, run, "archive");
        if (!Directory.Exists(root)) return [];
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT symbol || ' ' || \"interval\" || ' ' || timestamp || ' ' || open || ' ' || high || ' ' || low || ' ' || close || ' ' || " +
                              "volume || ' ' || close_time || ' ' || quote_volume || ' ' || trades " +
                              $"FROM read_parquet('{Path.Combine(root, "**", "*.parquet")}', hive_partitioning = true) ORDER BY symbol, timestamp";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    private Dictionary<string, StreamLedger?> Read(string ledger)
    {
        using var db = new SqliteLedger(Path.Combine(_dir, ledger, StorageOptions.ReplayDefaultFileName));
        return Books.ToDictionary(s => s, s => db.Load(s, int.MaxValue));
    }

    /// <summary>The first candles of a kline file, as a plain CSV named the way Replay wants.</summary>
    private string Slice(string source, string name)
    {
        var path = Path.Combine(_dir, name);
        using var input = new StreamReader(new GZipStream(File.OpenRead(source), CompressionMode.Decompress));
        using var output = new StreamWriter(path);
        for (var i = 0; i <= CandlesPerFile && input.ReadLine() is { } line; i++) output.WriteLine(line);
        return path;
    }
}
