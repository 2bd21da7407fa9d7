using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Http;

/// <summary>The API group's guard: a request announcing a body over <see cref="ApiOptions.MaxRequestBodyBytes"/> is answered 413 unread.</summary>
internal static class RequestLimits
{
    public static RouteGroupBuilder LimitRequestBodies(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
            return context.HttpContext.Request.ContentLength > limit ? TooLarge(limit) : await next(context);
        });
        return group;
    }

    public static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem($"The request body is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large");
}
