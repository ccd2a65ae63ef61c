using System.Globalization;
using System.Net;

namespace ServerConfig;

/// <summary>Validators for the setting table. Each failure says what is wrong and what would be right.</summary>
public static class ValueParsers
{
    public static Func<string, Parsed<int>> WholeNumber(int min, int max, string unit = "a whole number") =>
        raw => ParseLong(raw, min, max, unit) is var p && p.Error is null ? Parsed<int>.Ok((int)p.Value) : Parsed<int>.Fail(p.Error!);

    public static Func<string, Parsed<long>> Bytes(long min, long max) => raw => ParseLong(raw, min, max, "bytes");

    private static Parsed<long> ParseLong(string raw, long min, long max, string unit)
    {
        var expected = $"(expected {unit} {min}-{max})";
        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return Parsed<long>.Fail($"'{raw}' is not a whole number {expected}");
        if (value < 0 && min >= 0)
            return Parsed<long>.Fail($"{value} is negative {expected}");
        return value < min || value > max
            ? Parsed<long>.Fail($"{value} is out of range {expected}")
            : Parsed<long>.Ok(value);
    }

    public static Parsed<bool> Boolean(string raw) => raw.ToLowerInvariant() switch
    {
        "true" => Parsed<bool>.Ok(true),
        "false" => Parsed<bool>.Ok(false),
        _ => Parsed<bool>.Fail($"'{raw}' is not a boolean (expected true or false)"),
    };

    public static Func<string, Parsed<TEnum>> Choice<TEnum>(string what) where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        return raw => Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && names.Contains(raw.ToLowerInvariant())
            ? Parsed<TEnum>.Ok(value)
            : Parsed<TEnum>.Fail($"'{raw}' is not {what} (expected one of {string.Join(", ", names)})");
    }

    private static readonly Func<string, Parsed<WorkerClass>> WorkerClassChoice = Choice<WorkerClass>("a worker class");

    /// <summary>async or sync, and Gunicorn's worker names by what they do: gthread caps requests at workers x threads
    /// as sync does; gevent, eventlet and tornado let requests wait on I/O without a thread, as async does.</summary>
    public static Parsed<WorkerClass> WorkerClassName(string raw) => raw.ToLowerInvariant() switch
    {
        "gthread" => Parsed<WorkerClass>.Ok(WorkerClass.Sync),
        "gevent" or "eventlet" or "tornado" => Parsed<WorkerClass>.Ok(WorkerClass.Async),
        _ => WorkerClassChoice(raw) is { Error: { } error }
            ? Parsed<WorkerClass>.Fail(error.Replace(")", "; Gunicorn's gthread, gevent, eventlet and tornado are taken too)"))
            : WorkerClassChoice(raw),
    };

    public static string ChoiceText<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static Parsed<BindAddress> Bind(string raw)
    {
        const string expected = "(expected HOST:PORT, e.g. 0.0.0.0:8080)";
        var colon = raw.LastIndexOf(':');
        if (colon < 0 || raw.EndsWith(']'))
            return Parsed<BindAddress>.Fail($"'{raw}' has no port {expected}");
        var host = raw[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':')) return Parsed<BindAddress>.Fail($"'{raw}' needs brackets around an IPv6 host {expected}");
        if (host is "*" or "") host = "0.0.0.0";
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
            return Parsed<BindAddress>.Fail($"host '{host}' is not an IP address or localhost {expected}");
        var port = Port(raw[(colon + 1)..]);
        if (port.Error is null && port.Value == 0 && host == "localhost")
            return Parsed<BindAddress>.Fail($"'{raw}': port 0 needs an IP address, Kestrel cannot pick a free port for localhost (expected e.g. 127.0.0.1:0)");
        return port.Error is null ? Parsed<BindAddress>.Ok(new BindAddress(host, port.Value)) : Parsed<BindAddress>.Fail(port.Error);
    }

    public static Parsed<int> Port(string raw)
    {
        const string expected = "(expected a port 0-65535)";
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port))
            return Parsed<int>.Fail($"port '{raw}' is not a number {expected}");
        return port is < 0 or > 65535 ? Parsed<int>.Fail($"port {port} is out of range {expected}") : Parsed<int>.Ok(port);
    }

    /// <summary><c>-</c> for the standard stream, a file path, or (when allowed) empty for "off".</summary>
    public static Func<string, Parsed<string>> LogTarget(bool allowEmpty) => raw =>
    {
        var expected = allowEmpty ? "(expected -, a file path, or nothing to disable it)" : "(expected - or a file path)";
        if (raw.Length == 0)
            return allowEmpty ? Parsed<string>.Ok("") : Parsed<string>.Fail($"is empty {expected}");
        if (raw == "-") return Parsed<string>.Ok(raw);
        if (raw.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || raw.EndsWith('/'))
            return Parsed<string>.Fail($"'{raw}' is not a file path {expected}");
        // server.conf has no escapes: a quote or a control character (newline, tab) could not be written back.
        if (raw.Any(c => c == '"' || char.IsControl(c)))
            return Parsed<string>.Fail($"'{raw}' has a quote or control character, which server.conf cannot hold {expected}");
        return Parsed<string>.Ok(raw);
    };

    /// <summary>A file path (checked when the server starts), or nothing.</summary>
    public static Parsed<string> FilePath(string raw) =>
        raw.Length > 0 && (raw.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || raw.EndsWith('/'))
            ? Parsed<string>.Fail($"'{raw}' is not a file path (expected a file path, or nothing)")
            : Parsed<string>.Ok(raw);

    public static Parsed<string> Networks(string raw)
    {
        const string expected = "(expected *, or comma-separated IP addresses or CIDR networks, e.g. 127.0.0.1,10.0.0.0/8)";
        var items = raw.Split(',', StringSplitOptions.TrimEntries);
        if (raw.Trim() == "*") return Parsed<string>.Ok("*");
        foreach (var item in items)
        {
            if (item.Length == 0) return Parsed<string>.Fail($"'{raw}' has an empty entry {expected}");
            if (!TryParseNetwork(item, out _)) return Parsed<string>.Fail($"'{item}' is not an IP address or network {expected}");
        }
        return Parsed<string>.Ok(string.Join(',', items));
    }

    public static IPNetwork ParseNetwork(string item) =>
        TryParseNetwork(item, out var network) ? network : throw new FormatException($"'{item}' is not an IP address or network");

    private static bool TryParseNetwork(string item, out IPNetwork network)
    {
        if (IPAddress.TryParse(item, out var address) && !item.Contains('/'))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return IPNetwork.TryParse(item, out network);
    }
}
