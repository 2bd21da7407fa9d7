using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Resilience;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ingest.Binance;

/// <summary>
/// Live klines from Binance. Each connection cycle: open one combined WebSocket stream for every symbol × interval,
/// backfill from REST what is missing since the last closed candle (or the look-back at start), then forward every
/// kline event. Any failure — drop, silence, 24-hour cut, serverShutdown, refused connection, 429 — ends the cycle
/// and the next one starts after an exponential backoff with jitter.
/// </summary>
/// <remarks>
/// The socket is opened before the REST backfill so that a candle closing between the two is delivered by the
/// socket (its frames wait in the receive buffer) rather than lost; whatever both deliver is dropped by the
/// closed-candle check in <see cref="BinanceCandleForwarder.PublishAsync"/>. Binance's protocol-level pings are answered by
/// <see cref="ClientWebSocket"/> itself while a receive is pending; spot streams send no JSON-level ping. Pings
/// that arrive during the backfill are answered when reading starts, well within Binance's one-minute allowance
/// for a backfill of a few requests per stream.
/// </remarks>
public sealed class BinanceMarketDataSource(
    BinanceRestClient rest,
    IKlinePublisher publisher,
    MarketDataStatus status,
    IOptionsMonitor<MarketDataOptions> options,
    TimeProvider timeProvider,
    IArchiveHorizon archive,
    ILogger<BinanceMarketDataSource> logger) : IMarketDataSource
{
    private const int InitialBufferSize = 16 * 1024;
    private const int MaxFrameSize = 1024 * 1024;

    private readonly BinanceCandleForwarder _forward = new(rest, publisher, status, timeProvider, archive, logger);
    private long _frames;

    public MarketDataSourceKind Kind => MarketDataSourceKind.Binance;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var streams = o.Streams().ToList();
        var backoff = new ReconnectBackoff(o.Binance.ReconnectMinDelay, o.Binance.ReconnectMaxDelay);
        var uri = StreamUri(o.Binance.WebSocketBaseUrl, streams);
        status.SetSource("Binance");
        var failures = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            var minimumWait = TimeSpan.Zero;
            try
            {
                var reason = await RunConnectionAsync(uri, streams, o, () => failures = 0, cancellationToken);
                logger.LogInformation("Binance stream ended: {Reason}; reconnecting", reason);
                status.RecordError(reason);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (BinanceRateLimitedException ex)
            {
                minimumWait = ex.RetryAfter;
                Fail(ex.Message, ex);
            }
            catch (Exception ex)
            {
                // Whatever broke (network, Binance, the publisher), the feed heals by reconnecting and backfilling.
                Fail(Describe(ex), ex);
            }
            finally
            {
                status.SetConnected(false);
            }

            var delay = backoff.Next(failures++);
            if (delay < minimumWait) delay = minimumWait;
            status.SetState($"reconnecting in {delay.TotalSeconds:0.#} s");
            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            status.RecordReconnect();
        }
        status.SetState("stopped");
    }

    /// <remarks>
    /// The message already names the cause; the stack trace goes to Debug only, because offline the same failure
    /// repeats on every retry.
    /// </remarks>
    private void Fail(string message, Exception ex)
    {
        status.RecordError(message);
        logger.LogWarning("Binance market data: {Message}", message);
        logger.LogDebug(ex, "Binance market data failure detail");
    }

    /// <summary>One connection's life. Returns why it ended normally (server close, serverShutdown); throws otherwise.</summary>
    private async Task<string> RunConnectionAsync(
        Uri uri, List<StreamKey> streams, MarketDataOptions o, Action onHealthy, CancellationToken cancellationToken)
    {
        status.SetState("connecting");
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(o.Binance.RequestTimeout);
            try
            {
                await socket.ConnectAsync(uri, connectTimeout.Token);
            }
            catch (WebSocketException ex)
            {
                throw HandshakeFailure(socket, uri, ex, timeProvider.GetUtcNow());
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no WebSocket handshake from {uri.GetLeftPart(UriPartial.Path)} within {o.Binance.RequestTimeout.TotalSeconds:0.#} s", ex);
            }
        }

        status.SetConnected(true);
        status.SetState("backfilling");
        foreach (var stream in streams) await _forward.BackfillAsync(stream, o, cancellationToken);

        status.SetState("streaming");
        logger.LogInformation("Binance stream open for {Count} stream(s)", streams.Count);
        return await ReceiveAsync(socket, o.Binance.SilenceTimeout, onHealthy, cancellationToken);
    }

    private async Task<string> ReceiveAsync(ClientWebSocket socket, TimeSpan silenceTimeout, Action onHealthy, CancellationToken cancellationToken)
    {
        var parser = new BinanceKlineFrameParser(timeProvider);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var healthy = false;
            while (true)
            {
                if (!silence.TryReset())
                {
                    silence.Dispose();
                    silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                }
                silence.CancelAfter(silenceTimeout);

                var length = 0;
                ValueWebSocketReceiveResult result;
                var oversized = false;
                try
                {
                    do
                    {
                        if (length == buffer.Length)
                        {
                            if (buffer.Length >= MaxFrameSize)
                            {
                                // Keep reading to the end of the message, then report it once.
                                oversized = true;
                                length = 0;
                            }
                            else
                            {
                                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                                buffer.AsSpan(0, length).CopyTo(bigger);
                                ArrayPool<byte>.Shared.Return(buffer);
                                buffer = bigger;
                            }
                        }
                        result = await socket.ReceiveAsync(buffer.AsMemory(length), silence.Token);
                        length += result.Count;
                    } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"no message from Binance for {silenceTimeout.TotalSeconds:0.#} s; treating the connection as dropped");
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return $"server closed the connection ({socket.CloseStatus?.ToString() ?? "no status"}{(string.IsNullOrEmpty(socket.CloseStatusDescription) ? "" : ": " + socket.CloseStatusDescription)})";
                }

                status.RecordMessage();
                var frameNumber = ++_frames;
                if (oversized)
                {
                    Malformed(frameNumber, $"frame larger than {MaxFrameSize} bytes");
                    continue;
                }
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    Malformed(frameNumber, "binary frame where JSON text was expected");
                    continue;
                }

                switch (parser.Parse(buffer.AsSpan(0, length), out var candle, out var eventTime, out var error))
                {
                    case BinanceFrameKind.Kline:
                        if (!healthy)
                        {
                            healthy = true;
                            onHealthy();
                        }
                        await _forward.PublishAsync(candle, eventTime, cancellationToken);
                        break;
                    case BinanceFrameKind.ServerShutdown:
                        return "Binance announced a server shutdown";
                    case BinanceFrameKind.Malformed:
                        Malformed(frameNumber, error!);
                        break;
                }
            }
        }
        finally
        {
            silence.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Malformed(long frameNumber, string error)
    {
        var message = $"malformed frame #{frameNumber} skipped: {error}";
        status.RecordMalformed(message);
        logger.LogWarning("Binance market data: {Message}", message);
    }

    internal static Uri StreamUri(string baseUrl, IEnumerable<StreamKey> streams) =>
        new($"{baseUrl.TrimEnd('/')}/stream?streams={string.Join('/', streams.Select(s => $"{s.Symbol.ToLowerInvariant()}@kline_{s.Interval.ToCode()}"))}");

    private static Exception HandshakeFailure(ClientWebSocket socket, Uri uri, WebSocketException ex, DateTimeOffset now)
    {
        var endpoint = uri.GetLeftPart(UriPartial.Path);
        var code = socket.HttpStatusCode;
        if (code is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
        {
            var wait = RetryAfterHeader.Of(socket.HttpResponseHeaders, now, BinanceRestClient.MaxRetryAfter) ?? BinanceRestClient.DefaultRetryAfter;
            return new BinanceRateLimitedException($"WebSocket handshake with {endpoint}: HTTP {(int)code} rate limited; retrying after {wait.TotalSeconds:0.#} s.", code, wait);
        }
        if (code == HttpStatusCode.UnavailableForLegalReasons) return new BinanceApiException(BinanceRestClient.RestrictedLocationAdvice, code);
        var detail = code == 0 ? Describe(ex) : $"HTTP {(int)code}";
        return new BinanceApiException($"WebSocket connection to {endpoint} failed: {detail}", code == 0 ? null : code, ex);
    }

    /// <summary>The exception's message with its distinct inner causes, e.g. "… : Connection refused (127.0.0.1:1)".</summary>
    internal static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!parts.Any(p => p.Contains(e.Message, StringComparison.Ordinal))) parts.Add(e.Message);
        }
        return string.Join(": ", parts);
    }
}
