using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Node.Ledger;

public sealed class LedgerTests : IDisposable
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    private static readonly IReadOnlyList<Candle> Candles = TestCandles.Avax();
    private readonly string _dir = Directory.CreateTempSubdirectory("ledger-").FullName;

    public LedgerTests() => SqliteConnection.ClearAllPools();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string DbPath => Path.Combine(_dir, "ledger.db");

    private LedgerRecorder Recorder(FakeTimeProvider? clock = null, TimeSpan? busy = null) =>
        new(DbPath, NullLogger<LedgerRecorder>.Instance, clock, busy);

    private static StreamDirectory State(LedgerRecorder ledger) =>
        new([Avax], new EngineSettings(new(), new()), ledger);

    [Fact]
    public void A_restart_resumes_every_account_exactly_and_replayed_candles_never_fill_twice()
    {
        var reference = new StreamDirectory([Avax], new EngineSettings(new(), new()));
        foreach (var c in Candles) reference.Apply(c);
        var uninterrupted = reference.Snapshot(Avax);

        StreamSnapshot beforeRestart;
        using (var ledger = Recorder())
        {
            var state = State(ledger);
            foreach (var c in Candles.Take(6_000)) state.Apply(c);
            beforeRestart = state.Snapshot(Avax);
            ledger.WaitForWrites(TimeSpan.FromSeconds(30)).Should().BeTrue();
            ledger.Status.Should().Match<LedgerStatus>(s => s.Writable && s.PendingEntries == 0 && s.EntriesWritten == 6_000);
        }

        beforeRestart.Fills.Should().NotBeEmpty();
        using (var ledger = Recorder())
        {
            var restarted = State(ledger);
            var restored = restarted.Snapshot(Avax);
            restored.Account.Should().Be(beforeRestart.Account);
            restored.Fills.Should().Equal(beforeRestart.Fills);
            restored.EquityCurve.Should().Equal(beforeRestart.EquityCurve.TakeLast(1_000));

            // The buffer is rebuilt from the start (as from Kafka), then the feed goes on past the restart.
            foreach (var c in Candles) restarted.Apply(c);
            var after = restarted.Snapshot(Avax);
            after.Fills.Should().Equal(uninterrupted.Fills, "no fill lost or duplicated across the restart");
            after.Account.Should().Be(uninterrupted.Account);
            after.EquityCurve.Should().Equal(uninterrupted.EquityCurve);
        }
    }

    [Fact]
    public void Fills_are_keyed_by_stream_and_candle_so_a_rewrite_does_not_duplicate_them()
    {
        using (var ledger = Recorder())
        {
            var fill = new Fill(1_000, TradeSide.Buy, 10m, 2m, 0.02m, 79.98m, 2m);
            var entry = new LedgerEntry(Avax.Id, new EquityPoint(1_000, 10m, 79.98m, 2m, 99.98m), fill, new AccountState(79.98m, 2m, 10m, 0.02m, 1));
            ledger.Record(entry);
            ledger.Record(entry);
        }

        using var reopened = Recorder();
        reopened.Load(Avax.Id, 10)!.Fills.Should().ContainSingle().Which.Price.Should().Be(10m);
    }

    [Fact]
    public void A_reset_starts_the_account_afresh_is_recorded_and_survives_a_restart()
    {
        using (var ledger = Recorder())
        {
            var state = State(ledger);
            foreach (var c in Candles.Take(4_000)) state.Apply(c);
            state.Snapshot(Avax).Fills.Should().NotBeEmpty();

            state.ResetAccount(Avax);

            var reset = state.Snapshot(Avax);
            reset.Account.Should().Be(new AccountState(10_000m, 0, 0, 0, 0));
            reset.Fills.Should().BeEmpty();
            reset.EquityCurve.Should().BeEmpty();
        }

        using (var ledger = Recorder())
        {
            var restarted = State(ledger);
            restarted.Snapshot(Avax).Account.Should().Be(new AccountState(10_000m, 0, 0, 0, 0));
            foreach (var c in Candles.Take(4_000)) restarted.Apply(c);
            restarted.Snapshot(Avax).Fills.Should().BeEmpty("candles up to the reset do not trade again");
        }

        using var db = new SqliteLedger(DbPath);
        db.ResetCount(Avax.Id).Should().Be(1);
    }

    [Fact]
    public async Task A_locked_ledger_is_reported_trading_goes_on_and_waiting_entries_are_written_once_it_is_free()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var ledger = Recorder(clock, busy: TimeSpan.FromMilliseconds(50));
        var state = State(ledger);
        foreach (var c in Candles.Take(100)) state.Apply(c);
        ledger.WaitForWrites(TimeSpan.FromSeconds(30)).Should().BeTrue();

        using (var other = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            other.Open();
            using var lockCommand = other.CreateCommand();
            lockCommand.CommandText = "BEGIN EXCLUSIVE;";
            lockCommand.ExecuteNonQuery();

            foreach (var c in Candles.Skip(100).Take(4_000)) state.Apply(c);

            await Eventually.WaitAsync(() => ledger.Status is { Writable: false, PendingEntries: 4_000 }, TimeSpan.FromSeconds(20),
                () => $"status {ledger.Status}");
            var status = ledger.Status;
            status.LastError.Should().Contain("Ledger writing failed").And.Contain("locked");
            status.Busy.Should().BeTrue("another program holds the file");
            state.Snapshot(Avax).Candles[^1].OpenTime.Should().Be(Candles[4_099].OpenTime, "the stream keeps running");
            ledger.Queued.Should().Be(4_100);
            ledger.Durable.Should().Be(100, "only the entries written before the lock are durable: the consumer commits no offset past them");

            lockCommand.CommandText = "ROLLBACK;";
            lockCommand.ExecuteNonQuery();
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        state.Apply(Candles[4_100]);
        await Eventually.WaitAsync(() => ledger.Status is { Writable: true, PendingEntries: 0, LastError: null, EntriesWritten: 4_101 },
            TimeSpan.FromSeconds(20), () => $"status {ledger.Status}");
        ledger.Load(Avax.Id, 10_000)!.EquityCurve.Should().HaveCount(4_101);
        ledger.Durable.Should().Be(4_101);
    }

    [Fact]
    public void Entries_that_come_together_are_written_in_few_transactions_and_are_durable_when_written()
    {
        using var ledger = Recorder();
        var state = State(ledger);
        foreach (var c in Candles.Take(10_000)) state.Apply(c);
        ledger.WaitForWrites(TimeSpan.FromSeconds(30)).Should().BeTrue();

        ledger.Status.EntriesWritten.Should().Be(10_000);
        ledger.Durable.Should().Be(ledger.Queued).And.Be(10_000);
        // Group commit: a batch is written once it holds GroupSize entries or its window has passed, never one per entry.
        ledger.TransactionsWritten.Should().BeInRange(1, 30,
            "10,000 entries queued in a burst gather into batches");
        ledger.Load(Avax.Id, 20_000)!.EquityCurve.Should().HaveCount(10_000);
    }

    [Fact]
    public void Entries_that_trickle_in_are_gathered_for_the_group_window_not_written_one_transaction_each()
    {
        using var ledger = Recorder();
        var state = State(ledger);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var c in Candles.Take(300))
        {
            state.Apply(c);
            var next = clock.Elapsed + TimeSpan.FromMilliseconds(2);
            while (clock.Elapsed < next) Thread.SpinWait(100); // a live feed's pace: one closed candle every 2 ms
        }
        var elapsed = clock.Elapsed;
        ledger.WaitForWrites(TimeSpan.FromSeconds(30)).Should().BeTrue();

        ledger.Status.EntriesWritten.Should().Be(300);
        // At most one transaction per group window that passed (and the last one), whatever the machine's load made of the pace.
        var windows = (long)(elapsed / LedgerRecorder.GroupWindow);
        ledger.TransactionsWritten.Should().BeLessThanOrEqualTo(windows * 3 / 2 + 3, $"{elapsed.TotalMilliseconds:F0} ms of entries");
    }

    [Fact]
    public async Task A_ledger_locked_by_another_program_holds_up_neither_the_candles_nor_the_status_nor_health()
    {
        // A long busy timeout, as a real one would be: only the ledger's own writer may wait that long.
        using var ledger = Recorder(busy: TimeSpan.FromSeconds(3));
        var state = State(ledger);
        foreach (var c in Candles.Take(100)) state.Apply(c);
        ledger.WaitForWrites(TimeSpan.FromSeconds(30)).Should().BeTrue();
        var health = new LedgerHealthCheck(ledger);

        using (var other = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            other.Open();
            using var lockCommand = other.CreateCommand();
            lockCommand.CommandText = "BEGIN EXCLUSIVE;";
            lockCommand.ExecuteNonQuery();

            var slowestApply = TimeSpan.Zero;
            var slowestStatus = TimeSpan.Zero;
            var next = 100;
            void ApplyNext()
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                state.Apply(Candles[next++]);
                if (watch.Elapsed > slowestApply) slowestApply = watch.Elapsed;
                watch.Restart();
                _ = ledger.Status;
                if (watch.Elapsed > slowestStatus) slowestStatus = watch.Elapsed;
            }
            // Candles keep coming while the writer waits out the lock (a first 3 s busy wait, then retries).
            await Eventually.WaitAsync(() =>
            {
                // Never past what the file holds: the 1,000 candles after the wait must still be there, however long it took.
                for (var i = 0; i < 20 && next < Candles.Count - 1_000; i++) ApplyNext();
                return ledger.Status is { Writable: false, Busy: true } && next > 1_000;
            }, TimeSpan.FromSeconds(30), () => $"status {ledger.Status}");
            for (var i = 0; i < 1_000; i++) ApplyNext();

            slowestApply.Should().BeLessThan(TimeSpan.FromMilliseconds(500), "a candle never waits for the ledger's file");
            slowestStatus.Should().BeLessThan(TimeSpan.FromMilliseconds(500), "the status answers from what is known");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var report = await health.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(500));
            report.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, "entries wait in memory, none lost");
            report.Description.Should().Contain("locked");
            ledger.Status.PendingEntries.Should().Be(next - 100);

            lockCommand.CommandText = "ROLLBACK;";
            lockCommand.ExecuteNonQuery();
            var applied = next;
            await Eventually.WaitAsync(() => ledger.Status is { Writable: true, PendingEntries: 0 }, TimeSpan.FromSeconds(30),
                () => $"status {ledger.Status}");
            ledger.Load(Avax.Id, 10_000)!.EquityCurve.Should().HaveCount(applied, "every waiting entry was written once the file was free");
        }
    }

    [Fact]
    public void A_ledger_that_cannot_be_opened_is_reported_without_stopping_the_streams()
    {
        var blocker = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(blocker, "a file where the ledger folder should be");
        using var ledger = new LedgerRecorder(Path.Combine(blocker, "ledger.db"), NullLogger<LedgerRecorder>.Instance);
        var state = State(ledger);

        foreach (var c in Candles.Take(200)) state.Apply(c).Should().Be(CandleApplyOutcome.Applied);

        ledger.Status.Writable.Should().BeFalse();
        ledger.Status.LastError.Should().StartWith("Ledger opening failed");
        state.Snapshot(Avax).Candles.Should().HaveCount(200);
    }
}
