namespace ServerConfig;

/// <summary>One piece of an access_log_format: literal text, or an atom (<c>h</c>, <c>{user-agent}i</c>, ...).</summary>
public readonly record struct FormatPart(string Text, bool IsAtom);

/// <summary>
/// Gunicorn's access_log_format language (gunicorn/glogging.py, 21.2): Python <c>%(name)s</c> atoms in literal text,
/// <c>%%</c> for a percent sign. Parsed once here, for validation and for the app's access-log writer.
/// </summary>
public static class AccessLogFormats
{
    /// <summary>Gunicorn's default line, then the duration: an operator needs to see slow requests.</summary>
    public const string Default = "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\" %(M)sms";

    /// <summary>The atoms Gunicorn knows, with what each writes; <c>{name}i</c> and <c>{name}o</c> are headers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Atoms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["h"] = "client address",
        ["l"] = "'-'",
        ["u"] = "user name (HTTP basic authentication) or '-'",
        ["t"] = "time, [03/Dec/2026:09:15:02 +0000]",
        ["r"] = "request line, GET /path?query HTTP/1.1",
        ["m"] = "method",
        ["U"] = "path without query",
        ["q"] = "query string without '?'",
        ["H"] = "protocol",
        ["s"] = "status",
        ["B"] = "response body bytes",
        ["b"] = "response body bytes, or '-'",
        ["f"] = "referer, or '-'",
        ["a"] = "user agent, or '-'",
        ["T"] = "duration, whole seconds",
        ["D"] = "duration, microseconds",
        ["M"] = "duration, milliseconds",
        ["L"] = "duration, decimal seconds",
        ["p"] = "process id, <1234>",
    };

    public static Parsed<string> Validate(string raw) =>
        TryParse(raw, out _, out var error) ? Parsed<string>.Ok(raw) : Parsed<string>.Fail(error!);

    /// <summary>The parts of a format that <see cref="Validate"/> accepted.</summary>
    public static IReadOnlyList<FormatPart> Parse(string format) =>
        TryParse(format, out var parts, out var error) ? parts : throw new ServerConfigException(error!);

    private static bool TryParse(string format, out List<FormatPart> parts, out string? error)
    {
        const string expected = "(expected Gunicorn's atoms such as %(h)s %(t)s \"%(r)s\" %(s)s %(b)s, %({header}i)s, or %% for a percent sign)";
        parts = [];
        error = null;
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%') { literal.Append(format[i]); continue; }
            if (i + 1 < format.Length && format[i + 1] == '%') { literal.Append('%'); i++; continue; }
            var close = format.IndexOf(')', i);
            if (i + 1 >= format.Length || format[i + 1] != '(' || close < 0 || close + 1 >= format.Length || format[close + 1] != 's')
            {
                error = $"'%' at position {i + 1} does not start an atom %(name)s {expected}";
                return false;
            }
            var atom = format[(i + 2)..close];
            if (!IsKnown(atom))
            {
                error = atom.EndsWith("}e", StringComparison.Ordinal)
                    ? $"%({atom})s: WSGI environ variables have no counterpart in a .NET server {expected}"
                    : $"%({atom})s is not an atom (expected one of {string.Join(' ', Atoms.Keys)}, {{header}}i or {{header}}o)";
                return false;
            }
            if (literal.Length > 0) parts.Add(new FormatPart(literal.ToString(), false));
            literal.Clear();
            parts.Add(new FormatPart(atom, true));
            i = close + 1;
        }
        if (literal.Length > 0) parts.Add(new FormatPart(literal.ToString(), false));
        return true;
    }

    private static bool IsKnown(string atom) =>
        Atoms.ContainsKey(atom) || (atom.Length > 3 && atom[0] == '{' && (atom.EndsWith("}i", StringComparison.Ordinal) || atom.EndsWith("}o", StringComparison.Ordinal)));
}
