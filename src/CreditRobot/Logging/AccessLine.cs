using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using ServerConfig;

namespace CreditRobot.Logging;

/// <summary>What one access line says about a request; <see cref="Status"/> is null for a request cut off at shutdown.</summary>
public sealed record AccessEntry(HttpContext Context, DateTimeOffset Started, TimeSpan Duration, int? Status, long? Bytes, string Level);

/// <summary>
/// One access line: text in the shape of access_log_format (Gunicorn's atoms, every value escaped so a client cannot
/// end a field, forge a line or reach the terminal), or one JSON object with every field, its level and type.
/// </summary>
public sealed class AccessLine(LogFormat format, string accessLogFormat)
{
    private static readonly string ProcessId = $"<{Environment.ProcessId}>";
    private readonly IReadOnlyList<FormatPart> _parts = AccessLogFormats.Parse(accessLogFormat);

    public string Render(AccessEntry entry)
    {
        if (format == LogFormat.Json) return Json(entry);
        var line = new StringBuilder(160);
        foreach (var part in _parts)
            line.Append(part.IsAtom ? LogLines.Quoted(Atom(part.Text, entry)) : part.Text);
        return line.ToString();
    }

    private static string Atom(string atom, AccessEntry entry)
    {
        var request = entry.Context.Request;
        var micros = entry.Duration.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        return atom switch
        {
            "h" => Client(entry.Context),
            "l" => "-",
            "u" => User(request) ?? "-",
            "t" => entry.Started.ToUniversalTime().ToString("'['dd'/'MMM'/'yyyy':'HH':'mm':'ss' +0000]'", CultureInfo.InvariantCulture),
            "r" => $"{request.Method} {Target(entry.Context)} {request.Protocol}",
            "m" => request.Method,
            "U" => request.Path.ToString(),
            "q" => request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            "H" => request.Protocol,
            "s" => entry.Status?.ToString(CultureInfo.InvariantCulture) ?? "-",
            "B" => (entry.Bytes ?? 0).ToString(CultureInfo.InvariantCulture),
            "b" => entry.Bytes is > 0 and var b ? b.ToString(CultureInfo.InvariantCulture) : "-",
            "f" => Header(request.Headers.Referer) ?? "-",
            "a" => Header(request.Headers.UserAgent) ?? "-",
            "T" => (micros / 1_000_000).ToString(CultureInfo.InvariantCulture),
            "D" => micros.ToString(CultureInfo.InvariantCulture),
            "M" => (micros / 1000).ToString(CultureInfo.InvariantCulture),
            "L" => (micros / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (micros % 1_000_000).ToString("D6", CultureInfo.InvariantCulture),
            "p" => ProcessId,
            _ when atom.EndsWith("}i", StringComparison.Ordinal) => Header(request.Headers[atom[1..^2]]) ?? "-",
            _ => Header(entry.Context.Response.Headers[atom[1..^2]]) ?? "-", // {name}o: AccessLogFormats admits nothing else
        };
    }

    private static string Json(AccessEntry entry)
    {
        var context = entry.Context;
        var request = context.Request;
        return LogLines.Json(w =>
        {
            w.WriteString("time", entry.Started.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("level", entry.Level);
            w.WriteString("type", "access");
            w.WriteString("client", Client(context));
            if (User(request) is { } user) w.WriteString("user", user);
            w.WriteString("method", request.Method);
            w.WriteString("path", Target(context));
            w.WriteString("protocol", request.Protocol);
            if (entry.Status is { } status) w.WriteNumber("status", status);
            else w.WriteNull("status");
            if (entry.Bytes is { } bytes) w.WriteNumber("bytes", bytes);
            w.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
            w.WriteString("referer", Header(request.Headers.Referer));
            w.WriteString("userAgent", Header(request.Headers.UserAgent));
        });
    }

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "-";

    // The target as the client sent it (Gunicorn's RAW_URI), not the decoded path.
    public static string Target(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : context.Request.Path + context.Request.QueryString;

    private static string? Header(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values.ToString();

    // Gunicorn's %(u)s: the user of HTTP basic authentication (never the password).
    private static string? User(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        var decoded = new byte[authorization.Length];
        if (!Convert.TryFromBase64String(authorization[6..].Trim(), decoded, out var length)) return null;
        var text = Encoding.UTF8.GetString(decoded, 0, length);
        var colon = text.IndexOf(':');
        return colon < 0 ? null : text[..colon];
    }
}
