using System.Globalization;
using System.Numerics;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>
/// <c>GET /api/streams/{symbol}/{interval}/candles?before=&lt;epoch ms&gt;&amp;limit=&lt;n&gt;</c>: the stream's newest
/// <c>limit</c> closed candles (default <see cref="CandleHistory.ChunkSize"/>, at most <see cref="CandleHistory.MaxCount"/>)
/// opening before <c>before</c> (default: now and later, so the newest), oldest first, from the archive and the live
/// buffer, each with the moving averages and RSI the engine gives it. <c>more</c> is false once the oldest known candle
/// was returned: page back by passing the first candle's <c>openTime</c> as the next <c>before</c>. 400 for a malformed
/// parameter, 404 for a stream neither this node nor the archive knows, 503 when the archive cannot be read.
/// </summary>
public static class CandleHistoryEndpoints
{
    public sealed record HistoryCandle(
        long OpenTime, long CloseTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume,
        double? FastMa, double? SlowMa, double? Rsi);

    public sealed record HistoryPage(string Symbol, string Interval, long? Before, int Limit, bool More, IReadOnlyList<HistoryCandle> Candles);

    public static IEndpointRouteBuilder MapCandleHistory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/streams/{symbol}/{interval}/candles", async (string symbol, string interval, string? before, string? limit,
            CandleHistory history, CandleArchive archive, MarketState market, CancellationToken cancellation) =>
        {
            if (!SymbolRules.IsValid(symbol)) return BadRequest($"'{symbol}' is not a symbol: {SymbolRules.Description}");
            if (!KlineIntervals.TryParse(interval, out var parsed))
                return BadRequest($"'{interval}' is not a kline interval; use one of {string.Join(", ", KlineIntervals.All.Select(i => i.ToCode()))}.");
            long? beforeTime = null;
            if (before is not null)
            {
                if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
                    return BadRequest($"before '{before}' must be a time in epoch milliseconds (a whole number, 0 or more).");
                beforeTime = b;
            }
            var count = CandleHistory.ChunkSize;
            if (limit is not null)
            {
                // Digits only; any larger number is capped.
                if (!BigInteger.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var requested) || requested < 1)
                    return BadRequest($"limit '{limit}' must be a whole number from 1 (at most {CandleHistory.MaxCount} are returned).");
                count = (int)BigInteger.Min(requested, CandleHistory.MaxCount);
            }

            var key = new StreamKey(symbol, parsed);
            if (!market.Contains(key) && !archive.Reader.Streams().Contains(key))
                return Results.Problem($"{key} is not a stream this node or its archive knows.", statusCode: StatusCodes.Status404NotFound);

            var chunk = await history.ReadAsync(key, beforeTime ?? long.MaxValue, count, cancellation);
            if (chunk.Error is not null) return Results.Problem(chunk.Error, statusCode: StatusCodes.Status503ServiceUnavailable);
            return Results.Ok(new HistoryPage(key.Symbol, key.Interval.ToCode(), beforeTime, count, chunk.More,
                chunk.Points.Select(p => new HistoryCandle(p.Candle.OpenTime, p.Candle.CloseTime, p.Candle.Open, p.Candle.High, p.Candle.Low,
                    p.Candle.Close, p.Candle.Volume, Finite(p.FastMa), Finite(p.SlowMa), Finite(p.Rsi))).ToList()));
        });
        return endpoints;
    }

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    // JSON has no NaN: an indicator still warming up is null.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
