using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Api.Events;
using CryptoStreamLab.Web.Hosting;

namespace CryptoStreamLab.Web.Api;

/// <summary>
/// The REST API under one route group, <c>/api/v1</c>, so a policy (authorization, rate limiting) applies to all of it in one
/// call on the group; its OpenAPI document and reference beside it.
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddApiV1(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.SectionName, o => o.Validate());
        // The API's documents first; every other type keeps the app's defaults.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Resolver));
        services.AddSingleton<CandleSource>();
        services.AddSingleton<StreamEventHub>();
        services.AddSingleton<EventStreamQuota>();
        services.AddApiDocs();
        return services;
    }

    /// <summary>Maps every /api/v1 endpoint and returns the group.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).WithTags(StreamApiEndpoints.Tag).LimitRequestBodies();
        group.MapStreamApi().MapCandleApi().MapEvents().MapReset();
        endpoints.MapApiDocs();
        return group;
    }
}
