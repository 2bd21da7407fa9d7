using System.Net;

namespace CryptoStreamLab.Node.Ingest.Binance;

/// <summary>Binance answered, but not with data. The message is composed here and never contains credentials.</summary>
public class BinanceApiException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}

/// <summary>429 (too many requests) or 418 (IP banned after repeated 429s): wait at least <see cref="RetryAfter"/>.</summary>
public sealed class BinanceRateLimitedException(string message, HttpStatusCode statusCode, TimeSpan retryAfter)
    : BinanceApiException(message, statusCode)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
