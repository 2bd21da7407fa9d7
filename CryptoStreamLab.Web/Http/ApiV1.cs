using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Http.Events;

namespace CryptoStreamLab.Web.Http;

/// <summary>
/// The HTTP API under one route group, <c>/api/v1</c>, so a policy (authorization, rate limiting) applies to all of it in one
/// call on the group: the node's status, cluster and Kafka documents, the streams with their candles, fills, equity, state at a past time,
/// events and reset. The routes from before it (<see cref="DeprecatedRoutes"/>) are served by the same handlers; the OpenAPI
/// document and reference beside them.
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddApiV1(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.SectionName, o => o.Validate());
        // The API's documents first; every other type keeps the app's defaults.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Resolver));
        services.AddSingleton<StreamCandleReader>();
        services.AddSingleton<StreamEventHub>();
        services.AddSingleton<EventStreamQuota>();
        services.AddApiDocs();
        return services;
    }

    /// <summary>Maps every /api/v1 endpoint, the deprecated routes and the docs, and returns the /api/v1 group.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).LimitRequestBodies();
        // The streams first: the reference lists (and opens) the tags in the order their operations were mapped.
        group.MapStreamApi();
        group.MapCandles();
        group.MapStreamAt();
        group.MapEvents().MapReset();
        group.MapStatus();
        group.MapCluster();
        group.MapKafka();
        endpoints.MapDeprecatedRoutes();
        endpoints.MapApiDocs();
        return group;
    }
}
