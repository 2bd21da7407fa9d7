using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using CryptoStreamLab.Core.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Fakes;

/// <summary>
/// A local Binance on a real Kestrel socket (127.0.0.1, free port): <c>GET /api/v3/klines</c> over a deterministic
/// 1-minute market, and the combined WebSocket stream <c>/stream?streams=…</c> driven by a per-connection script.
/// The server pings at the protocol level and drops a client that does not answer, as Binance does.
/// </summary>
/// <remarks>
/// The default keep-alive is loose on purpose (a pong may take <see cref="DefaultPongTimeout"/>): on a loaded machine a
/// client that answers can still answer late, and a test counting reconnects must not count one the fake caused.
/// </remarks>
public sealed class FakeBinance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<FakeConnection, Task> _script;
    private readonly ConcurrentQueue<(HttpStatusCode Status, int? RetryAfterSeconds)> _restFailures = new();
    private readonly ConcurrentQueue<(HttpStatusCode Status, int? RetryAfterSeconds)> _handshakeFailures = new();
    private int _connections;

    private FakeBinance(WebApplication app, Func<FakeConnection, Task> script, TimeProvider clock)
    {
        _app = app;
        _script = script;
        Clock = clock;
    }

    /// <summary>The market's time: which candles have closed, and which one is open.</summary>
    public TimeProvider Clock { get; }

    public string RestBaseUrl { get; private set; } = "";

    public string WebSocketBaseUrl { get; private set; } = "";

    public ConcurrentQueue<KlinesRequest> KlineRequests { get; } = new();

    /// <summary>Every WebSocket handshake, refused or not.</summary>
    public ConcurrentQueue<StreamRequest> StreamRequests { get; } = new();

    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultPongTimeout = TimeSpan.FromSeconds(10);

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The next WebSocket handshake gets this status (with Retry-After when given) instead of an upgrade.</summary>
    public void FailNextHandshake(HttpStatusCode status, int? retryAfterSeconds = null) => _handshakeFailures.Enqueue((status, retryAfterSeconds));

    /// <summary>The next REST request gets this status (with Retry-After when given) instead of data.</summary>
    public void FailNextRest(HttpStatusCode status, int? retryAfterSeconds = null) => _restFailures.Enqueue((status, retryAfterSeconds));

    /// <param name="script">Runs once per WebSocket connection; the connection ends when it returns (unless it aborted first).</param>
    /// <param name="pingInterval">Protocol-level ping period.</param>
    /// <param name="pongTimeout">A client that has not answered a ping this long after it was sent is dropped.</param>
    public static async Task<FakeBinance> StartAsync(
        TimeProvider clock, Func<FakeConnection, Task> script, TimeSpan? pingInterval = null, TimeSpan? pongTimeout = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBinance(app, script, clock);
        var keepAlive = new WebSocketAcceptContext
        {
            KeepAliveInterval = pingInterval ?? DefaultPingInterval,
            KeepAliveTimeout = pongTimeout ?? DefaultPongTimeout,
        };
        app.UseWebSockets();
        app.MapGet("/api/v3/klines", fake.KlinesAsync);
        app.Map("/stream", context => fake.StreamAsync(context, keepAlive));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.RestBaseUrl = address;
        fake.WebSocketBaseUrl = address.Replace("http://", "ws://", StringComparison.Ordinal);
        return fake;
    }

    private async Task KlinesAsync(HttpContext context)
    {
        var q = context.Request.Query;
        var request = new KlinesRequest(
            q["symbol"].ToString(), q["interval"].ToString(),
            long.Parse(q["startTime"].ToString(), CultureInfo.InvariantCulture),
            long.Parse(q["endTime"].ToString(), CultureInfo.InvariantCulture),
            int.Parse(q["limit"].ToString(), CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow,
            context.Request.Headers["X-MBX-APIKEY"].ToString());
        KlineRequests.Enqueue(request);

        if (_restFailures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = (int)failure.Status;
            if (failure.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("""{"code":-1003,"msg":"Too much request weight used."}""");
            return;
        }

        // Binance: klines opening in [startTime, endTime], at most limit, including the one still open.
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var first = Math.Max(0, (request.StartTime - FakeMarket.T0 + FakeMarket.Minute - 1) / FakeMarket.Minute);
        var rows = new List<string>();
        for (var i = first; rows.Count < request.Limit; i++)
        {
            var openTime = FakeMarket.OpenTime(i);
            if (openTime > request.EndTime || openTime > now) break;
            var c = FakeMarket.Closed(request.Symbol, i);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"[{c.OpenTime},\"{c.Open}\",\"{c.High}\",\"{c.Low}\",\"{c.Close}\",\"{c.Volume}\",{c.CloseTime},\"{c.QuoteVolume}\",{c.TradeCount},\"0.5\",\"50.0\",\"0\"]"));
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("[" + string.Join(',', rows) + "]");
    }

    private async Task StreamAsync(HttpContext context, WebSocketAcceptContext keepAlive)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        StreamRequests.Enqueue(new StreamRequest(context.Request.QueryString.Value ?? "", DateTimeOffset.UtcNow));
        if (_handshakeFailures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = (int)failure.Status;
            if (failure.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return;
        }
        Interlocked.Increment(ref _connections);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(keepAlive);
        var connection = new FakeConnection(socket, context, Connections);
        try
        {
            await _script(connection);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away mid-script: that is one of the situations under test.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

public sealed record KlinesRequest(string Symbol, string Interval, long StartTime, long EndTime, int Limit, DateTimeOffset ReceivedAt, string ApiKeyHeader);

public sealed record StreamRequest(string Query, DateTimeOffset ReceivedAt);

/// <summary>One client connection as the script sees it.</summary>
/// <remarks>
/// A read is kept pending for the whole connection: the server only sees the client's pongs (and close) while
/// it reads, so without it the keep-alive timeout would drop a client that answers pings perfectly well.
/// </remarks>
public sealed class FakeConnection
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly Task _reading;

    public FakeConnection(WebSocket socket, HttpContext context, int number)
    {
        _socket = socket;
        _context = context;
        Number = number;
        _reading = Task.Run(ReadUntilClosedAsync);
    }

    public int Number { get; }

    /// <summary>Aborted once the connection was cut (a drop, or the keep-alive timeout), Open while it lasts.</summary>
    public WebSocketState State => _socket.State;

    public Task SendKlineAsync(string symbol, long index, bool closed) =>
        SendTextAsync(FakeMarket.Frame(closed ? FakeMarket.Closed(symbol, index) : FakeMarket.Open(symbol, index)));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _context.RequestAborted);

    public Task SendBinaryAsync(byte[] bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, _context.RequestAborted);

    /// <summary>Cuts the TCP connection without a close handshake, like a network failure.</summary>
    public void Drop() => _context.Abort();

    public Task CloseAsync(string description) =>
        _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, CancellationToken.None);

    /// <summary>Keeps the connection open until the client leaves or the time is up.</summary>
    public async Task HoldAsync(TimeSpan? atMost = null)
    {
        try
        {
            await _reading.WaitAsync(atMost ?? TimeSpan.FromSeconds(30), _context.RequestAborted);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Time is up or the client left.
        }
    }

    private async Task ReadUntilClosedAsync()
    {
        var buffer = new byte[1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended; HoldAsync returns.
        }
    }
}

/// <summary>A deterministic BTC-like 1-minute market starting at <see cref="T0"/>; candle i is the same in REST and stream.</summary>
public static class FakeMarket
{
    public const long Minute = 60_000;

    /// <summary>2026-01-01T00:00:00Z.</summary>
    public static readonly long T0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static long OpenTime(long index) => T0 + index * Minute;

    /// <summary>The clock that makes candles 0..index-1 closed and candle index open for 30 s.</summary>
    public static DateTimeOffset During(long index) => DateTimeOffset.FromUnixTimeMilliseconds(OpenTime(index) + 30_000);

    public static Candle Closed(string symbol, long i)
    {
        var open = 40_000m + i % 97 + 0.25m;
        return new Candle(symbol, KlineInterval.OneMinute, OpenTime(i), OpenTime(i) + Minute - 1,
            open, open + 12.5m, open - 7.75m, open + 3.5m, 1.5m + i % 5, (1.5m + i % 5) * open, 10 + i % 13, true);
    }

    /// <summary>An open-candle update of candle i: same open, narrower range, less volume.</summary>
    public static Candle Open(string symbol, long i)
    {
        var c = Closed(symbol, i);
        return c with { High = c.Open + 1m, Low = c.Open - 1m, Close = c.Open + 0.5m, Volume = 0.5m, QuoteVolume = 0.5m * c.Open, TradeCount = 3, IsClosed = false };
    }

    public static string Frame(Candle c, long? eventTime = null) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"stream":"{{{c.Symbol.ToLowerInvariant()}}}@kline_{{{c.Interval.ToCode()}}}","data":{"e":"kline","E":{{{eventTime ?? c.CloseTime - 100}}},"s":"{{{c.Symbol}}}","k":{"t":{{{c.OpenTime}}},"T":{{{c.CloseTime}}},"s":"{{{c.Symbol}}}","i":"{{{c.Interval.ToCode()}}}","f":100,"L":200,"o":"{{{c.Open}}}","c":"{{{c.Close}}}","h":"{{{c.High}}}","l":"{{{c.Low}}}","v":"{{{c.Volume}}}","n":{{{c.TradeCount}}},"x":{{{(c.IsClosed ? "true" : "false")}}},"q":"{{{c.QuoteVolume}}}","V":"0.5","Q":"50.0","B":"123456"}""") + "}}";
}
