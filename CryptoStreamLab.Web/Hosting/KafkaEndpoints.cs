using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Web.Hosting;

public static class KafkaEndpoints
{
    /// <summary>Maps GET /api/kafka: the backbone's counters as JSON (no client settings, so no credentials).</summary>
    public static IEndpointRouteBuilder MapKafkaStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/kafka", (KafkaStatus status) =>
            Results.Json(status.Snapshot(), KafkaJsonContext.Default.KafkaStatusSnapshot));
        return endpoints;
    }
}
