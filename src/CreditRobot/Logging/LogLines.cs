using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerConfig;

namespace CreditRobot.Logging;

/// <summary>The two line shapes of <c>log_format</c>: text for people, one JSON object per line for shippers.</summary>
public static class LogLines
{
    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Server(LogFormat format, string level, string category, string message, Exception? exception)
    {
        if (format == LogFormat.Text)
        {
            var line = $"{Now()} [{level}] {category}: {message}";
            return exception is null ? line : $"{line}{Environment.NewLine}{exception}";
        }
        return Json(w =>
        {
            w.WriteString("time", Now());
            w.WriteString("level", level);
            w.WriteString("category", category);
            w.WriteString("message", message);
            if (exception is not null) w.WriteString("exception", exception.ToString());
        });
    }

    public static string Access(LogFormat format, string client, string method, string target, string protocol, int status, double milliseconds)
    {
        var duration = Math.Round(milliseconds, 3);
        if (format == LogFormat.Text)
            return string.Create(CultureInfo.InvariantCulture, $"{Now()} {client} \"{method} {Quoted(target)} {protocol}\" {status} {duration}ms");
        return Json(w =>
        {
            w.WriteString("time", Now());
            w.WriteString("client", client);
            w.WriteString("method", method);
            w.WriteString("path", target);
            w.WriteString("protocol", protocol);
            w.WriteNumber("status", status);
            w.WriteNumber("durationMs", duration);
        });
    }

    /// <summary>
    /// Kestrel passes a raw <c>"</c> (and some control bytes) through in the query string: escaped as nginx does
    /// (<c>\"</c>, <c>\\</c>, <c>\xHH</c>), so a request cannot end the quoted field or the line, or forge another one.
    /// </summary>
    public static string Quoted(string text)
    {
        if (!text.AsSpan().ContainsAny(Unsafe)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '"' or '\\') escaped.Append('\\').Append(c);
            else if (char.IsControl(c)) escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        "\"\\" + string.Concat(Enumerable.Range(0, 0x20).Select(i => (char)i)) + string.Concat(Enumerable.Range(0x7f, 0x21).Select(i => (char)i)));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
