using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// A small form post read defensively: 413 past <see cref="MaxBytes"/>, 400 for a body that is not a readable URL-encoded
/// form or that lacks a valid antiforgery token — never an exception that would become a 500.
/// </summary>
public static class PostedForm
{
    /// <summary>The most a sign-in or sign-out form may weigh: a name, a password, a return address and a token.</summary>
    public const long MaxBytes = 16 * 1024;

    private static readonly FormOptions Limits = new()
    {
        BufferBody = false,
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4096,
        MultipartBodyLengthLimit = MaxBytes,
    };

    /// <summary>The form, or the response that refuses it.</summary>
    public static async Task<(IFormCollection? Form, IResult? Refusal)> ReadAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (http.Request.ContentLength > MaxBytes) return (null, TooLarge());
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        if (!http.Request.HasFormContentType)
            return (null, Results.Problem("Expected a form (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status400BadRequest));

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(Limits, http.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : Malformed());
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Past a form limit, or a multipart body that ends before its boundary.
            return (null, Malformed());
        }

        if (!await antiforgery.IsRequestValidAsync(http))
            return (null, Results.Problem("The form's antiforgery token is missing or invalid: reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest));
        return (form, null);
    }

    private static IResult TooLarge() =>
        Results.Problem($"The form is larger than {MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Malformed() => Results.Problem("The form could not be read.", statusCode: StatusCodes.Status400BadRequest);
}
