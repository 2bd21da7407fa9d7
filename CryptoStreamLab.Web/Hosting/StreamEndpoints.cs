using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>
/// <c>GET /api/streams/{symbol}/{interval}</c>: one stream as this node shows it, in full: its buffered candles, its
/// paper account and every fill in its trading log, and the node whose engine owns it. 404 for a stream the node does
/// not know.
/// </summary>
public static class StreamEndpoints
{
    public sealed record CandleRow(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, bool Closed);

    public sealed record FillRow(long OpenTime, string Side, decimal Price, decimal Quantity, decimal Fee);

    public sealed record StreamDetail(
        string Symbol,
        string Interval,
        string? Owner,
        decimal Cash,
        decimal Quantity,
        decimal Equity,
        int FillCount,
        decimal FeesPaid,
        IReadOnlyList<FillRow> Fills,
        IReadOnlyList<CandleRow> Candles);

    public static IEndpointRouteBuilder MapStreams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/streams/{symbol}/{interval}", (string symbol, string interval, MarketState market) =>
        {
            if (!KlineIntervals.TryParse(interval, out var parsed) || !market.Contains(new StreamKey(symbol, parsed)))
                return Results.Problem($"{symbol} {interval} is not a stream this node knows.", statusCode: StatusCodes.Status404NotFound);
            var key = new StreamKey(symbol, parsed);
            var s = market.Snapshot(key);
            return Results.Ok(new StreamDetail(key.Symbol, key.Interval.ToCode(), market.Owner(key), s.Account.Cash, s.Account.Quantity, s.Equity,
                s.Account.FillCount, s.Account.FeesPaid,
                s.Fills.Select(f => new FillRow(f.CandleOpenTime, f.Side == TradeSide.Buy ? "BUY" : "SELL", f.Price, f.Quantity, f.Fee)).ToList(),
                s.Candles.Select(c => new CandleRow(c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume, c.IsClosed)).ToList()));
        });
        return endpoints;
    }
}
