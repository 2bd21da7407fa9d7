using System.Diagnostics;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// Part 1 of the cluster benchmark: the latency the state topic adds. Node A (every role, embedded broker) and node C
/// (Dashboard only, attached to A's broker) run as two WebApplications in this process. A steady feed of kline updates
/// goes through A's IKlinePublisher; for each update we take the time from just before PublishAsync to
/// (a) A's StreamDirectory notifying a change whose snapshot shows it (candle topic → consumer → A's engine), and
/// (b) C's StreamDirectory notifying the same (… → A's engine → StreamQuant.state → C's state consumer → C's replica).
/// Both are measured on this process's Stopwatch, for the same updates, in the same run.
/// </summary>
internal static class StateTopicLatency
{
    public static async Task RunAsync(string[] args)
    {
        var runs = BenchOptions.Int(args, "--runs", 3);
        var rate = BenchOptions.Int(args, "--rate", 1_000);
        var seconds = BenchOptions.Int(args, "--seconds", 10);
        var feed = new LiveFeed(LiveFeed.SymbolNames(BenchOptions.Int(args, "--symbols", 10)), BenchOptions.Int(args, "--updates-per-candle", 10));
        var buffer = BenchOptions.Int(args, "--buffer", 100);

        Console.WriteLine($"State-topic overhead: {rate:N0} updates/s over {feed.Symbols.Count} symbols for {seconds} s after a 1 s warm-up, " +
            $"MarketData:BufferCapacity {buffer}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        for (var run = 1; run <= runs; run++)
        {
            var (started, loadBefore) = (DateTime.UtcNow, BenchOptions.LoadAverage());
            var result = await RunOnceAsync(feed, rate, seconds, buffer);
            Console.WriteLine($"run {run} at {started:HH:mm:ss} UTC (load average {loadBefore} → {BenchOptions.LoadAverage()}), {result.Measured:N0} updates measured:");
            Console.WriteLine($"  A, own state (in-process path):     {BenchOptions.Describe(result.Own)}   [{result.OwnSeen}]");
            Console.WriteLine($"  C, replica via StreamQuant.state:   {BenchOptions.Describe(result.Replica)}   [{result.ReplicaSeen}]");
            Console.WriteLine($"  C − A, the state-topic leg alone:   {BenchOptions.Describe(result.Difference)}");
            Console.WriteLine($"  {result.Cpu}");
        }
    }

    private sealed record Result(int Measured, double[] Own, double[] Replica, double[] Difference, string OwnSeen, string ReplicaSeen, string Cpu);

    private static async Task<Result> RunOnceAsync(LiveFeed feed, int rate, int seconds, int buffer)
    {
        await using var a = new InProcessNode("A", "Ingest,Engine,Dashboard", feed.Symbols, buffer, broker: null);
        await a.StartAsync();
        await WaitAsync(() => a.Kafka.Snapshot() is { AssignedPartitions: > 0, Restoring: false }, "A to join its group");
        await using var c = new InProcessNode("C", "Dashboard", feed.Symbols, buffer, a.BootstrapServers);
        await c.StartAsync();

        // One closed candle per symbol first: both nodes have seen every stream before the clock starts.
        foreach (var probe in feed.Probes()) await a.Publisher.PublishAsync(probe, Now(), CancellationToken.None);
        var keys = feed.Symbols.Select(s => new StreamKey(s, KlineInterval.OneMinute)).ToArray();
        await WaitAsync(() => keys.All(k => c.State.Contains(k) && c.State.Snapshot(k).Latest is not null), "C to show every stream");

        var total = rate * (seconds + 1);
        var published = new long[total];
        var seenByA = new long[total];
        var seenByC = new long[total];
        using var watchA = a.State.Subscribe(null, change => Seen(a.State, change.Key, seenByA));
        using var watchC = c.State.Subscribe(null, change => Seen(c.State, change.Key, seenByC));

        var (machineBefore, selfBefore, clock) = (BenchOptions.MachineBusy(), BenchOptions.OwnCpu(), Stopwatch.StartNew());
        var publishing = new Thread(() => Publish(a, feed, rate, published)) { IsBackground = true, Name = "steady publisher" };
        publishing.Start();
        publishing.Join();
        var self = BenchOptions.OwnCpu() - selfBefore;
        var cpu = $"CPU while publishing: both nodes and the publisher {self / clock.Elapsed * 100:F0} % of one core, " +
            $"everything else on the machine {(BenchOptions.MachineBusy() - machineBefore - self) / clock.Elapsed * 100:F0} %";
        // Done when the last update of every symbol shows on both nodes (or a later one would, but there is none).
        var last = Enumerable.Range(total - feed.Symbols.Count, feed.Symbols.Count).ToArray();
        await WaitAsync(() => last.All(i => Volatile.Read(ref seenByA[i]) != 0 && Volatile.Read(ref seenByC[i]) != 0), "the last updates to show");

        var warmUp = rate;
        var ownSeen = Settle(seenByA, feed.Symbols.Count);
        var replicaSeen = Settle(seenByC, feed.Symbols.Count);
        var own = Latencies(published, seenByA, warmUp);
        var replica = Latencies(published, seenByC, warmUp);
        var difference = Latencies(seenByA, seenByC, warmUp);
        return new Result(total - warmUp, own, replica, difference, ownSeen, replicaSeen, cpu);
    }

    /// <summary>Update i is due at i/rate s; a dedicated thread sleeps until it is due (a late wake-up sends all that is due).</summary>
    private static void Publish(InProcessNode a, LiveFeed feed, int rate, long[] published)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < published.Length; i++)
        {
            var due = start + (long)((double)i * Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due) Thread.Sleep(1);
            var candle = feed.Update(i);
            Volatile.Write(ref published[i], Stopwatch.GetTimestamp());
            a.Publisher.PublishAsync(candle, Now(), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Runs on the writer's thread after each change: the time, then which update the stream now shows.</summary>
    private static void Seen(StreamDirectory state, StreamKey key, long[] seen)
    {
        var now = Stopwatch.GetTimestamp();
        if (state.Snapshot(key).Latest is not { } latest) return;
        var index = LiveFeed.IndexOf(latest.Candle);
        if (index >= 0 && index < seen.Length && seen[index] == 0) Volatile.Write(ref seen[index], now);
    }

    /// <summary>
    /// An update a node never showed by itself (a later one of its stream came first) counts as shown when that later
    /// one was, which is what a viewer sees. Returns how many were shown directly, filled in that way, or never.
    /// </summary>
    private static string Settle(long[] seen, int symbols)
    {
        int direct = 0, filled = 0, never = 0;
        for (var s = 0; s < symbols; s++)
        {
            long next = 0;
            for (var i = s + (seen.Length - 1 - s) / symbols * symbols; i >= 0; i -= symbols)
            {
                if (seen[i] != 0) { direct++; next = seen[i]; }
                else if (next != 0) { filled++; seen[i] = next; }
                else never++;
            }
        }
        return $"{direct:N0} shown themselves, {filled:N0} through a later update, {never:N0} never";
    }

    private static double[] Latencies(long[] from, long[] to, int skip) => Enumerable.Range(skip, from.Length - skip)
        .Where(i => from[i] != 0 && to[i] != 0)
        .Select(i => (to[i] - from[i]) * 1000.0 / Stopwatch.Frequency)
        .Order().ToArray();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
