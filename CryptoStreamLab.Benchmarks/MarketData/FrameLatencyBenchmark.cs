using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Engine;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Benchmarks.MarketData;

/// <summary>
/// WebSocket frame → applied latency on the live path: a local Binance on Kestrel (127.0.0.1) sends combined-stream
/// kline frames on a steady schedule to the app's <see cref="CryptoStreamLab.Node.Ingest.Binance.BinanceMarketDataSource"/>,
/// which publishes through <see cref="KafkaKlinePublisher"/> to the embedded broker; <see cref="CandleConsumerService"/>
/// hands each candle to a recording <see cref="ICandleSink"/>. The app's services are registered exactly as the app
/// registers them (AddKafkaBackbone + AddMarketData), so nothing on the path is stubbed.
/// Usage: frame-latency [--rate 1000] [--seconds 10] [--symbols 12]
/// </summary>
public static class FrameLatencyBenchmark
{
    private static readonly string[] SymbolPool =
    [
        "BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "DOGEUSDT", "LTCUSDT", "DOTUSDT", "LINKUSDT",
        "AVAXUSDT", "TRXUSDT", "ATOMUSDT", "XLMUSDT", "ETCUSDT", "NEARUSDT",
    ];

    public static async Task RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 1_000);
        var seconds = Option(args, "--seconds", 10);
        var symbolCount = Option(args, "--symbols", 12);
        if (symbolCount < 1 || symbolCount > SymbolPool.Length) throw new ArgumentException($"--symbols must be 1 to {SymbolPool.Length}");
        var symbols = SymbolPool[..symbolCount];

        Console.WriteLine($"WebSocket frame → applied through the embedded broker: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

        // One extra second at the start is sent and discarded: it pays for JIT compilation and the first batches.
        var total = rate * (seconds + 1);
        var warmUp = rate;
        var sink = new RecordingSink(total);
        await using var binance = await LocalBinance.StartAsync();
        using var app = BuildApp(binance.BaseUrl, symbols, sink);
        await app.StartAsync();
        try
        {
            var socket = await ReadyAsync(app, binance);
            // A thread of its own keeps the schedule independent of the thread pool; awaiting it first surfaces a
            // failed send (the source dropped the connection) at once instead of after the sink's wait.
            await Task.Factory.StartNew(() => Send(socket, symbols, rate, total, sink), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var applied = await sink.WaitAsync(TimeSpan.FromSeconds(60));

            var latencies = new List<double>(total - warmUp);
            for (var i = warmUp; i < total; i++)
            {
                if (sink.AppliedAt[i] != 0) latencies.Add((sink.AppliedAt[i] - sink.SentAt[i]) * 1000.0 / Stopwatch.Frequency);
            }
            latencies.Sort();
            var sendSeconds = (double)(sink.SentAt[total - 1] - sink.SentAt[0]) / Stopwatch.Frequency;
            var status = app.Services.GetRequiredService<MarketDataStatus>().Snapshot();

            Console.WriteLine($"sent {total:N0} frames over {symbolCount} symbols in {sendSeconds:F2} s ({(total - 1) / sendSeconds:N0} frames/s); " +
                $"applied {applied:N0} of {total:N0} (duplicates {sink.Duplicates}); source: {status.Messages:N0} frames read, " +
                $"{status.Published:N0} published, {status.Malformed} malformed, {status.Reconnects} reconnects");
            if (latencies.Count == 0)
            {
                Console.WriteLine("no frame of the measured window was applied");
                return;
            }
            Console.WriteLine($"frame sent → applied, {latencies.Count:N0} of {total - warmUp:N0} frames after the 1 s warm-up: " +
                $"p50 {Percentile(latencies, 0.50):F2} ms, p90 {Percentile(latencies, 0.90):F2} ms, " +
                $"p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The app's market-data and Kafka wiring with an in-memory configuration pointing at the local Binance.</summary>
    private static IHost BuildApp(string baseUrl, string[] symbols, ICandleSink sink)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Binance",
            ["MarketData:Intervals:0"] = "1m",
            // Nothing to backfill: the measurement starts with the stream.
            ["MarketData:BackfillLookback"] = "00:00:00",
            ["MarketData:Binance:RestBaseUrl"] = baseUrl,
            ["MarketData:Binance:WebSocketBaseUrl"] = baseUrl.Replace("http://", "ws://", StringComparison.Ordinal),
        };
        for (var i = 0; i < symbols.Length; i++) settings[$"MarketData:Symbols:{i}"] = symbols[i];

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(sink);
        // As in the app: the producer is registered before the source that publishes through it.
        builder.Services.AddKafkaBackbone(builder.Configuration);
        builder.Services.AddMarketData(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// Waits until the consumer owns its partitions and the source reads the socket, so the figures measure the
    /// stream rather than the group join, the handshake or the backfill.
    /// </summary>
    private static async Task<WebSocket> ReadyAsync(IHost app, LocalBinance binance)
    {
        var kafka = app.Services.GetRequiredService<KafkaStatus>();
        var marketData = app.Services.GetRequiredService<MarketDataStatus>();
        var clock = Stopwatch.StartNew();
        while (kafka.Snapshot().AssignedPartitions == 0 || kafka.Restoring || marketData.Snapshot().State != "streaming" || binance.Socket is null)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"not ready after 30 s: kafka {kafka.Snapshot()}, market data {marketData.Snapshot()}");
            await Task.Delay(10);
        }
        return binance.Socket;
    }

    /// <summary>
    /// Frame i is due at i/rate seconds; a late tick sends everything already due. The trade count ("n") carries i,
    /// so the sink can match each applied candle to its frame's send time.
    /// </summary>
    private static void Send(WebSocket socket, string[] symbols, int rate, int total, RecordingSink sink)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)((double)i * Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due) Thread.Sleep(1);
            var frame = Frame(symbols[i % symbols.Length], i % symbols.Length, i, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Volatile.Write(ref sink.SentAt[i], Stopwatch.GetTimestamp());
            socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>An open-candle update of the current minute's 1m candle, in Binance's combined-stream envelope.</summary>
    private static byte[] Frame(string symbol, int symbolIndex, long sequence, long eventTime)
    {
        var openTime = eventTime - eventTime % 60_000;
        var open = 100m * (symbolIndex + 1);
        var close = open + sequence % 100 * 0.01m;
        var high = open + 1m;
        var low = open - 1m;
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"stream":"{{{symbol.ToLowerInvariant()}}}@kline_1m","data":{"e":"kline","E":{{{eventTime}}},"s":"{{{symbol}}}","k":{"t":{{{openTime}}},"T":{{{openTime + 59_999}}},"s":"{{{symbol}}}","i":"1m","f":100,"L":200,"o":"{{{open:F2}}}","c":"{{{close:F2}}}","h":"{{{high:F2}}}","l":"{{{low:F2}}}","v":"12.50000000","n":{{{sequence}}},"x":false,"q":"1250.00000000","V":"6.25000000","Q":"625.00000000","B":"0"}}""") + "}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Stamps the moment each frame's candle is applied; the trade count is the frame's sequence number.</summary>
    private sealed class RecordingSink(int expected) : ICandleSink
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _applied;
        private int _duplicates;

        public long[] SentAt { get; } = new long[expected];

        public long[] AppliedAt { get; } = new long[expected];

        public int Duplicates => Volatile.Read(ref _duplicates);

        public CandleApplyOutcome Apply(in Candle candle, long eventTime = 0, CandleOrigin? origin = null)
        {
            var now = Stopwatch.GetTimestamp();
            var index = (int)candle.TradeCount;
            // At-least-once delivery may repeat a candle; the first application is the one that counts.
            if (AppliedAt[index] != 0)
            {
                Interlocked.Increment(ref _duplicates);
                return CandleApplyOutcome.Unchanged;
            }
            AppliedAt[index] = now;
            if (Interlocked.Increment(ref _applied) == expected) _done.TrySetResult();
            return CandleApplyOutcome.Applied;
        }

        /// <summary>Returns how many frames were applied once all were, or when the time is up.</summary>
        public async Task<int> WaitAsync(TimeSpan atMost)
        {
            try
            {
                await _done.Task.WaitAsync(atMost);
            }
            catch (TimeoutException)
            {
                // Reported as applied < sent.
            }
            return Volatile.Read(ref _applied);
        }
    }

    /// <summary>
    /// A minimal Binance on 127.0.0.1 (free port): <c>GET /api/v3/klines</c> answers an empty page, and
    /// <c>/stream?streams=…</c> accepts the WebSocket and hands it to the sender.
    /// </summary>
    private sealed class LocalBinance : IAsyncDisposable
    {
        private readonly WebApplication _server;
        private volatile WebSocket? _socket;

        private LocalBinance(WebApplication server) => _server = server;

        public string BaseUrl { get; private set; } = "";

        public WebSocket? Socket => _socket;

        public static async Task<LocalBinance> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var server = builder.Build();
            var binance = new LocalBinance(server);
            server.UseWebSockets();
            server.MapGet("/api/v3/klines", (HttpContext context) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync("[]");
            });
            server.Map("/stream", binance.StreamAsync);
            await server.StartAsync();
            binance.BaseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return binance;
        }

        /// <remarks>
        /// Keeps a read pending for the connection's life: that is how the server sees the client's pongs and its
        /// close, and the request must not end while the sender still uses the socket.
        /// </remarks>
        private async Task StreamAsync(HttpContext context)
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            _socket = socket;
            var buffer = new byte[1024];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The client went away: the run is over.
            }
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _server.StopAsync(timeout.Token);
            await _server.DisposeAsync();
        }
    }
}
