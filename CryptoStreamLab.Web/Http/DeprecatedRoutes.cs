
namespace CryptoStreamLab.Web.Http;

/// <summary>
/// The routes from before <c>/api/v1</c> — <c>/api/status</c>, <c>/api/cluster</c>, <c>/api/kafka</c>,
/// <c>/api/streams/{symbol}/{interval}</c> and its <c>/candles</c> — still answering, with the same handlers, bodies and
/// guards as their <c>/api/v1</c> successors (no redirect, so scripts that do not follow one keep working). Each response says
/// so: <c>Deprecation: @&lt;unix seconds&gt;</c> (RFC 9745, the structured-field date the routes were deprecated) and
/// <c>Link: &lt;/api/v1/…&gt;; rel="successor-version"</c>; the OpenAPI document marks them deprecated.
/// </summary>
internal static class DeprecatedRoutes
{
    public const string Prefix = "/api";

    /// <summary>When the routes were deprecated: the release that made <c>/api/v1</c> the one API.</summary>
    public static readonly DateTimeOffset Since = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The <c>Deprecation</c> header's value, an RFC 9745 date: <c>@</c> and the Unix time in seconds.</summary>
    public static string DeprecationHeader { get; } = "@" + Since.ToUnixTimeSeconds();

    public static RouteGroupBuilder MapDeprecatedRoutes(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).LimitRequestBodies().WithMetadata(DeprecatedRoute.Instance);
        group.AddEndpointFilter((context, next) =>
        {
            Announce(context.HttpContext);
            return next(context);
        });
        // Names are unique: the old route's operation is its successor's name with "Deprecated" after it.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            for (var i = 0; i < endpoint.Metadata.Count; i++)
            {
                endpoint.Metadata[i] = endpoint.Metadata[i] switch
                {
                    IEndpointNameMetadata name => new EndpointNameMetadata(name.EndpointName + "Deprecated"),
                    IRouteNameMetadata route when route.RouteName is { } n => new RouteNameMetadata(n + "Deprecated"),
                    var other => other,
                };
            }
        });
        group.MapStatus();
        group.MapCluster();
        group.MapKafka();
        group.MapStream();
        group.MapCandles();
        return group;
    }

    private static void Announce(HttpContext http)
    {
        var request = http.Request;
        var successor = request.PathBase.Add(new PathString(ApiV1.Prefix + request.Path.Value![Prefix.Length..])).ToUriComponent();
        http.Response.Headers["Deprecation"] = DeprecationHeader;
        http.Response.Headers.Link = $"<{successor}>; rel=\"successor-version\"";
    }
}

/// <summary>Marks an endpoint as a deprecated route: listed in the OpenAPI document, as deprecated.</summary>
internal sealed class DeprecatedRoute
{
    public static DeprecatedRoute Instance { get; } = new();

    private DeprecatedRoute()
    {
    }
}
