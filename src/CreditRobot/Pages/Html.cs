using System.Globalization;
using System.Text.Encodings.Web;

namespace CreditRobot.Pages;

/// <summary>Server-rendered HTML. Everything that did not come from this file goes through <see cref="E"/>.</summary>
public static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string E(decimal value) => E(value.ToString(CultureInfo.InvariantCulture));

    public static IResult Page(string title, string body, int status = 200) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{E(title)} - CreditRobot</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body>
        <nav><a href="/">Quote</a> | <a href="/applications">Applications</a></nav>
        <h1>{E(title)}</h1>
        {body}
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);

    /// <summary>Defence in depth for the pages: no scripts at all, forms only back to this site, never inside a frame (clickjacking).</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}
