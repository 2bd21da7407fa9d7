namespace CryptoStreamLab.Web.Security;

/// <summary>
/// A page on another site can make the operator's browser send requests to this app (a form post, a fetch, a WebSocket),
/// even to an instance on localhost with access control off. So every state-changing request (any method but GET, HEAD,
/// OPTIONS and TRACE) and every request to the dashboard's circuit hub (<c>/_blazor</c>) whose <c>Origin</c> (or, without
/// one, <c>Referer</c>) names another origin than the app's own gets 403 with a problem body, with or without access
/// control. A request that carries neither comes from a program, not a page, and passes. The app's own origin is the
/// request's scheme and host, which host filtering (<see cref="AllowedHostsDefaults"/>) keeps to the app's own names, so a
/// DNS-rebinding page cannot pass as it.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!NeedsCheck(request) || IsOwnOrigin(request)) return next(http);
        return Results.Problem(
            "This request came from a page of another site, so it is refused: the app acts only on requests from its own pages " +
            "and from programs (which send no Origin header).",
            title: "Cross-site request refused", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
    }

    private static bool NeedsCheck(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        || request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);

    private static bool IsOwnOrigin(HttpRequest request)
    {
        var own = $"{request.Scheme}://{request.Host.Value}";
        if (request.Headers.Origin is { Count: > 0 } origins)
            return origins.Count == 1 && string.Equals(origins[0], own, StringComparison.OrdinalIgnoreCase);
        if (request.Headers.Referer is { Count: > 0 } referers)
            return referers.Count == 1 && Uri.TryCreate(referers[0], UriKind.Absolute, out var referer) &&
                   string.Equals(referer.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase);
        return true;
    }
}
