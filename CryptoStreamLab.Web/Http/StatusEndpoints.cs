using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// <c>GET /status</c>: this node, source, Kafka, ledger, archive, alert webhooks and every stream (with the node whose engine owns
/// it) in one JSON document. Built from status snapshots that never hold client settings or keys (webhook URLs are masked), so nothing
/// secret can reach it. Its field names are camelCase and its times ISO-8601, as they were before <c>/api/v1</c>: scripts written
/// against <c>/api/status</c> read <c>/api/v1/status</c> unchanged.
/// </summary>
public static class StatusEndpoints
{
    /// <summary>The OpenAPI tag of the node's own documents: status, cluster and Kafka.</summary>
    public const string Tag = "Node";

    /// <summary>
    /// A stream in the status document: the numbers of its <see cref="ApiStreamSummary"/> under the names and forms the status
    /// document has always used (camelCase, <c>lastUpdate</c> an ISO-8601 time).
    /// </summary>
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
        string? Owner,
        IReadOnlyList<StrategyStatus> Strategies)
    {
        public static StreamStatus Of(ApiStreamSummary s, DateTimeOffset? lastUpdate) =>
            new(s.Symbol, s.Interval, s.Candles, s.LastClose,
                s.LastCandle is { } c ? new CandleStatus(c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Closed) : null,
                s.LastSignal, s.Position, s.Cash, s.Equity, s.PnlPercent, s.Fills, s.RejectedUpdates, lastUpdate, s.Owner,
                s.Strategies.Select(StrategyStatus.Of).ToList());
    }

    /// <summary>
    /// A strategy on a stream in the status document: the numbers of its <see cref="ApiStrategySummary"/> under camelCase
    /// names (the series keep their own names). The stream's own figures are its first strategy's.
    /// </summary>
    public sealed record StrategyStatus(
        string Name,
        string? Type,
        decimal Equity,
        decimal PnlPercent,
        int Fills,
        string? Signal,
        IReadOnlyDictionary<string, double?> Series)
    {
        public static StrategyStatus Of(ApiStrategySummary s) => new(s.Name, s.Type, s.Equity, s.PnlPercent, s.Fills, s.Signal, s.Series);
    }

    /// <summary>The stream's newest candle as the charts draw it: open time in epoch milliseconds, prices, and whether it has closed.</summary>
    public sealed record CandleStatus(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, bool Closed);

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

    internal static RouteHandlerBuilder MapStatus(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/status", Get)
            .WithName("GetStatus")
            .WithTags(Tag)
            .WithSummary("This node's status in one document")
            .WithDescription("The node and its roles, the market-data source, Kafka, the ledger, the archive, the alert webhooks (URLs " +
                "masked) and every stream with the node whose engine owns it and its strategies (the stream's own figures are its first " +
                "strategy's). Field names are camelCase and times ISO-8601, as they have always been in this document.");

    private static Ok<Status> Get(StreamDirectory market, MarketDataStatus source, KafkaStatus kafka, LedgerRecorder ledger, CandleArchive archive,
        ArchiveMaintenanceService maintenance, AlertDispatcher alerts, IOptions<NodeOptions> node, TimeProvider clock)
    {
        var streams = market.Keys.Select(key =>
        {
            var snapshot = market.Snapshot(key);
            return StreamStatus.Of(ApiMapping.Summary(market, key, snapshot), snapshot.LastUpdate);
        }).ToList();
        var kafkaStatus = kafka.Snapshot();
        return TypedResults.Ok(new Status(clock.GetUtcNow(), NodeStatus.Of(node.Value), kafkaStatus.Restoring, source.Snapshot(), kafkaStatus,
            ledger.Status, archive.Status with { Maintenance = archive.Enabled ? maintenance.Status : null }, alerts.Status(), streams));
    }
}
