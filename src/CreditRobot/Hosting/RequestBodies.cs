using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CreditRobot.Hosting;

/// <summary>
/// How much of a request body the app holds in memory. A loan application is under 300 bytes, so the two
/// endpoints that read a body accept at most <see cref="Limit"/>, whatever max_body_size allows (that setting
/// stays the limit for bodies the app never reads, which Kestrel discards as they stream in). Together with
/// Kestrel's per-connection MaxRequestBufferSize this bounds what a flood of large bodies can make the process hold.
/// </summary>
public static class RequestBodies
{
    public const int Limit = 16 * 1024;

    /// <summary>The form of the HTML page: its four short fields, nothing else.</summary>
    public const int MaxFormFields = 16;

    /// <summary>413 when the declared length is over the limit; otherwise caps a chunked body at the limit while it is read.</summary>
    public static IResult? Refuse(HttpContext context, long? serverLimit)
    {
        var limit = Math.Min(Limit, serverLimit ?? long.MaxValue);
        if (context.Request.ContentLength > limit)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"this endpoint takes bodies up to {limit} bytes; the request declared {context.Request.ContentLength}");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = limit;
        return null;
    }

    /// <summary>
    /// The charset of a form the app cannot decode, or null. The form reader takes the body's charset from Content-Type
    /// and throws on one the runtime does not know, or refuses to use (UTF-7: a 500 before this check); this app takes
    /// UTF-8 (what browsers send) and its subset US-ASCII.
    /// </summary>
    public static string? UnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset is not { Length: > 0 } charset) return null;
        var name = charset.Value!.Trim('"');
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            ? null
            : name.Length <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':') ? name : "(unprintable or too long)";
    }

    public static void LimitForms(FormOptions form)
    {
        form.ValueCountLimit = MaxFormFields;
        form.KeyLengthLimit = 64;
        form.ValueLengthLimit = Limit;
        form.MultipartBodyLengthLimit = Limit;
        form.MultipartHeadersLengthLimit = 4 * 1024;
        form.MultipartBoundaryLengthLimit = 128;
        form.BufferBodyLengthLimit = Limit;
        form.MemoryBufferThreshold = Limit; // never spill a form to disk (the image's root is read-only)
    }
}
