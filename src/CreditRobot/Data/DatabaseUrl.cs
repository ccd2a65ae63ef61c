using Npgsql;

namespace CreditRobot.Data;

/// <summary>
/// The database connection string: <c>DATABASE_URL</c> (<c>postgres://user:pass@host:port/db</c>, as
/// PaaS platforms set it) or <c>ConnectionStrings__Default</c>. Null when neither is set.
/// </summary>
public static class DatabaseUrl
{
    private const string Expected = "(expected postgres://user:password@host:port/database[?sslmode=disable|prefer|require])";

    // The modes the README documents, by libpq's names. Npgsql's enum parser would also take "VerifyFull" or "5".
    private static readonly Dictionary<string, SslMode> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = SslMode.Disable, ["prefer"] = SslMode.Prefer, ["require"] = SslMode.Require,
    };

    public static string? ConnectionString(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue("DATABASE_URL", out var url) && url.Length > 0) return Parse(url);
        return environment.TryGetValue("ConnectionStrings__Default", out var cs) && cs.Length > 0 ? CheckConnectionString(cs) : null;
    }

    /// <summary>Refuses what Npgsql would crash on at start-up; the message never repeats the value (it holds the password).</summary>
    public static string CheckConnectionString(string connectionString)
    {
        const string expected = "(expected Host=HOST;Port=5432;Database=DB;Username=USER;Password=…, or a postgres:// URL in DATABASE_URL)";
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            // Npgsql's message quotes the keyword or value it refused, which may be the password: never repeat it.
            throw new FormatException($"ConnectionStrings__Default: not a Keyword=value; list Npgsql accepts (a postgres:// URL belongs in DATABASE_URL) {expected}");
        }
        return string.IsNullOrWhiteSpace(builder.Host)
            ? throw new FormatException($"ConnectionStrings__Default: Host is missing {expected}")
            : connectionString;
    }

    /// <summary>Throws <see cref="FormatException"/> naming the variable and what would be right.</summary>
    public static string Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new FormatException($"DATABASE_URL: not a postgres:// URL {Expected}");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (uri.Host.Length == 0 || database.Length == 0)
            throw new FormatException($"DATABASE_URL: host and database are required {Expected}");
        var userInfo = uri.UserInfo.Split(':', 2);
        var username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null;
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null;
        // PostgreSQL's start-up message ends each string with NUL: a decoded %00 cannot be sent (Npgsql crashed on it).
        foreach (var (part, value) in new[] { ("user name", username), ("password", password), ("database name", database) })
            if (value?.Contains('\0') == true)
                throw new FormatException($"DATABASE_URL: the {part} contains a NUL character (%00), which PostgreSQL cannot take {Expected}");
        if (uri.Port == 0)
            throw new FormatException($"DATABASE_URL: port 0 is no port to connect to (expected 1-65535, or none for 5432) {Expected}");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            Username = username,
            Password = password,
            Timeout = 5, // seconds to connect: /readyz must answer quickly when the database is away
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            // Only the key is ever repeated: a value may be a secret (libpq URLs take ?password=…).
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, Uri.UnescapeDataString(v)) : (pair, "");
            if (key != "sslmode")
                throw new FormatException($"DATABASE_URL: unsupported query parameter '{ParameterName(key)}' {Expected}");
            builder.SslMode = SslModes.TryGetValue(value, out var mode)
                ? mode
                : throw new FormatException($"DATABASE_URL: sslmode must be disable, prefer or require {Expected}");
        }
        return builder.ConnectionString;
    }

    // A key is repeated only when it looks like a parameter name: a mangled URL can put its user:password@ after the '?'.
    private static string ParameterName(string key) =>
        key.Length is > 0 and <= 40 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? key : "(not a parameter name)";
}
