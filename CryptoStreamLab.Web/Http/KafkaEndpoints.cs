using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Web.Http;

/// <summary><c>GET /kafka</c>: the backbone's counters (no client settings, so no credentials).</summary>
internal static class KafkaEndpoints
{
    public static RouteHandlerBuilder MapKafka(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/kafka", (KafkaStatus status) => Results.Json(status.Snapshot(), KafkaStatusJsonContext.Default.KafkaStatusSnapshot))
            .Produces<KafkaStatusSnapshot>()
            .WithName("GetKafka")
            .WithTags(StatusEndpoints.Tag)
            .WithSummary("The Kafka backbone's counters")
            .WithDescription("Brokers, topics, partitions this node consumes, messages produced, consumed, applied and dead-lettered, lag " +
                "and the state restore, as the status document's kafka section holds them. Field names are camelCase.");
}
