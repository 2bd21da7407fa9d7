using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Resilience;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ingest.Binance;

/// <summary>
/// The one REST call the market-data source needs: <c>GET /api/v3/klines</c>. Maps Binance's throttling and
/// location answers to exceptions the source can act on.
/// </summary>
/// <remarks>A singleton that takes a client from the factory per request, so handler rotation (DNS changes) still applies.</remarks>
public sealed class BinanceRestClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<MarketDataOptions> options, TimeProvider timeProvider)
{
    public const string HttpClientName = "Binance";

    /// <summary>Binance's maximum page size for klines.</summary>
    public const int MaxKlinesPerRequest = 1000;

    /// <summary>Used when a 429 or 418 carries no readable Retry-After header.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The longest Retry-After obeyed: Binance's longest IP ban.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(3);

    internal const string RestrictedLocationAdvice =
        "Binance refuses service from this location (HTTP 451). Users in the United States can use Binance.US: set " +
        "MarketData:Binance:RestBaseUrl to https://api.binance.us and MarketData:Binance:WebSocketBaseUrl to wss://stream.binance.us:9443.";

    /// <summary>Klines opening in [<paramref name="startTime"/>, <paramref name="endTime"/>], oldest first, at most <paramref name="limit"/>.</summary>
    /// <remarks>The last one may still be open; the caller decides from its close time.</remarks>
    public async Task<List<Candle>> GetKlinesAsync(
        string symbol, KlineInterval interval, long startTime, long endTime, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxKlinesPerRequest);
        var o = options.CurrentValue.Binance;
        var what = $"GET /api/v3/klines {symbol} {interval.ToCode()} from {startTime}";
        var uri = new Uri(
            $"{o.RestBaseUrl.TrimEnd('/')}/api/v3/klines?symbol={symbol}&interval={interval.ToCode()}" +
            $"&startTime={startTime}&endTime={endTime}&limit={limit}");

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrEmpty(o.ApiKey)) request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", o.ApiKey);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BinanceApiException($"{what}: no answer within {o.RequestTimeout.TotalSeconds:0.#} s.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new BinanceApiException($"{what}: {ex.Message}", inner: ex);
        }

        using (response)
        {
            var status = response.StatusCode;
            if (status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
            {
                var wait = RetryAfterHeader.Of(response, timeProvider.GetUtcNow(), MaxRetryAfter) ?? DefaultRetryAfter;
                throw new BinanceRateLimitedException(
                    $"{what}: HTTP {(int)status} {(status == HttpStatusCode.TooManyRequests ? "rate limited" : "IP banned for repeated rate-limit violations")}; retrying after {wait.TotalSeconds:0.#} s.",
                    status, wait);
            }
            if (status == HttpStatusCode.UnavailableForLegalReasons)
                throw new BinanceApiException(RestrictedLocationAdvice, status);

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new BinanceApiException($"{what}: HTTP {(int)status}: {Excerpt(body)}", status);

            try
            {
                return ParseKlines(body, symbol, interval, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            }
            catch (FormatException ex)
            {
                throw new BinanceApiException($"{what}: unreadable answer: {ex.Message}", status, ex);
            }
        }
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ");
        return text.Length == 0 ? "(empty body)" : text;
    }

    /// <summary>
    /// Reads Binance's array of arrays: <c>[openTime, "open", "high", "low", "close", "volume", closeTime,
    /// "quoteVolume", trades, "takerBuyBase", "takerBuyQuote", "ignore"]</c>. Every kline is returned closed;
    /// the caller knows which one may still be open.
    /// </summary>
    /// <param name="nowMs">The present (epoch ms): a kline opening more than one interval later is refused.</param>
    /// <exception cref="FormatException">The answer is not that shape; the message names the row and column.</exception>
    public static List<Candle> ParseKlines(ReadOnlySpan<byte> json, string symbol, KlineInterval interval, long nowMs)
    {
        var result = new List<Candle>();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new FormatException($"expected a JSON array, found {Excerpt(json.ToArray())}");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var row = result.Count;
                if (reader.TokenType != JsonTokenType.StartArray) throw new FormatException($"row {row} is not an array");
                var openTime = ReadInt64(ref reader, row, 0);
                var open = ReadDecimal(ref reader, row, 1);
                var high = ReadDecimal(ref reader, row, 2);
                var low = ReadDecimal(ref reader, row, 3);
                var close = ReadDecimal(ref reader, row, 4);
                var volume = ReadDecimal(ref reader, row, 5);
                var closeTime = ReadInt64(ref reader, row, 6);
                var quoteVolume = ReadDecimal(ref reader, row, 7);
                var trades = ReadInt64(ref reader, row, 8);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) reader.Skip();
                var candle = new Candle(symbol, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, trades, true);
                if (candle.Validate(nowMs) is { } problem) throw new FormatException($"row {row} (open time {openTime}): {problem}");
                result.Add(candle);
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"invalid JSON after {result.Count} rows: {ex.Message}", ex);
        }
        return result;
    }

    private static long ReadInt64(ref Utf8JsonReader reader, int row, int column)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
            throw new FormatException($"row {row} column {column}: expected an integer, found {reader.TokenType}");
        return value;
    }

    private static decimal ReadDecimal(ref Utf8JsonReader reader, int row, int column)
    {
        if (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped &&
                Utf8Parser.TryParse(reader.ValueSpan, out decimal value, out var consumed) && consumed == reader.ValueSpan.Length)
                return value;
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value)) return value;
        }
        throw new FormatException(
            $"row {row} column {column}: expected a decimal, found {reader.TokenType} {Encoding.UTF8.GetString(reader.ValueSpan)}");
    }
}
