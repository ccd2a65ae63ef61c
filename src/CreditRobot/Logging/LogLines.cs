using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerConfig;

namespace CreditRobot.Logging;

/// <summary>The two line shapes of <c>log_format</c>: text for people, one JSON object per line for shippers.</summary>
public static class LogLines
{
    public static string Server(LogFormat format, string level, string category, string message, Exception? exception)
    {
        if (format == LogFormat.Text)
        {
            // A message may carry a client's bytes (the framework's "Request starting" line at debug): no raw
            // control character reaches a terminal or forges a line. The exception's own line breaks are ours.
            var line = $"{Now()} [{level}] {category}: {Escaped(message)}";
            return exception is null ? line : $"{line}{Environment.NewLine}{Escaped(exception.ToString(), keepLineBreaks: true)}";
        }
        return Json(w =>
        {
            w.WriteString("time", Now());
            w.WriteString("level", level);
            w.WriteString("type", "server");
            w.WriteString("category", category);
            w.WriteString("message", message);
            if (exception is not null) w.WriteString("exception", exception.ToString());
        });
    }

    /// <summary>Control characters (ESC, DEL, C1, line breaks unless kept) as <c>\xHH</c>; everything else as it is.</summary>
    public static string Escaped(string text, bool keepLineBreaks = false) => Escape(text, quotes: false, keepLineBreaks);

    public static string Json(Action<Utf8JsonWriter> write)
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

    public static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Kestrel passes a raw <c>"</c> (and some control bytes) through in the query string: escaped as nginx does
    /// (<c>\"</c>, <c>\\</c>, <c>\xHH</c>), so a request cannot end the quoted field or the line, or forge another one.
    /// </summary>
    public static string Quoted(string text) => Escape(text, quotes: true, keepLineBreaks: false);

    private static string Escape(string text, bool quotes, bool keepLineBreaks)
    {
        if (!text.AsSpan().ContainsAny(quotes ? Unsafe : Controls)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (quotes && c is '"' or '\\') escaped.Append('\\').Append(c);
            else if (char.IsControl(c) && !(keepLineBreaks && c == '\n')) escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static readonly SearchValues<char> Controls = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(i => (char)i)) + string.Concat(Enumerable.Range(0x7f, 0x21).Select(i => (char)i)));

    private static readonly SearchValues<char> Unsafe = SearchValues.Create("\"\\" + string.Concat(Enumerable.Range(0, 0x20).Select(i => (char)i)) + string.Concat(Enumerable.Range(0x7f, 0x21).Select(i => (char)i)));
}
