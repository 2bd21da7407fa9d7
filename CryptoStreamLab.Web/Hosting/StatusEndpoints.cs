using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Hosting;

/// <summary>
/// <c>GET /api/status</c>: this node, source, Kafka, ledger, archive, alert webhooks and every stream (with the node whose engine owns
/// it) in one JSON document. Built from status snapshots that never hold client settings or keys (webhook URLs are masked), so nothing
/// secret can reach it.
/// </summary>
public static class StatusEndpoints
{
    public sealed record StreamStatus(
        string Symbol,
        string Interval,
        int Candles,
        decimal? LastClose,
        CandleStatus? LastCandle,
        string? LastSignal,
        decimal Position,
        decimal Cash,
        decimal Equity,
        decimal PnlPercent,
        int Fills,
        long RejectedUpdates,
        DateTimeOffset? LastUpdate,
        string? Owner);

    /// <summary>The stream's newest candle as the charts draw it: open time in epoch milliseconds, prices, and whether it has closed.</summary>
    public sealed record CandleStatus(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, bool Closed)
    {
        public static CandleStatus Of(in Candle candle) =>
            new(candle.OpenTime, candle.Open, candle.High, candle.Low, candle.Close, candle.IsClosed);
    }

    public sealed record Status(
        DateTimeOffset Time,
        NodeStatus Node,
        bool Restoring,
        MarketDataStatusSnapshot Source,
        KafkaStatusSnapshot Kafka,
        LedgerStatus Ledger,
        ArchiveStatus Archive,
        AlertsStatus Alerts,
        IReadOnlyList<StreamStatus> Streams);

    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/status", (MarketState market, MarketDataStatus source, KafkaStatus kafka, LedgerRecorder ledger, CandleArchive archive,
            ArchiveMaintenanceService maintenance, AlertDispatcher alerts, IOptions<NodeOptions> node, TimeProvider clock) =>
        {
            var streams = market.Keys.Select(key =>
            {
                var s = market.Snapshot(key);
                return new StreamStatus(key.Symbol, key.Interval.ToCode(), s.Candles.Count, s.LastClose,
                    s.IsEmpty ? null : CandleStatus.Of(s.Candles[^1]), s.LastSignal?.ToText(),
                    s.Account.Quantity, s.Account.Cash, s.Equity, decimal.Round(s.PnlPercent, 4), s.Account.FillCount, s.RejectedUpdates,
                    s.LastUpdate, market.Owner(key));
            }).ToList();
            var kafkaStatus = kafka.Snapshot();
            return Results.Ok(new Status(clock.GetUtcNow(), NodeStatus.Of(node.Value), kafkaStatus.Restoring, source.Snapshot(), kafkaStatus,
                ledger.Status, archive.Status with { Maintenance = archive.Enabled ? maintenance.Status : null }, alerts.Status(), streams));
        });
        return endpoints;
    }
}
