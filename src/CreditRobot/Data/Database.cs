using Npgsql;

namespace CreditRobot.Data;

/// <summary>The app's one PostgreSQL data source, or the reason there is none (no URL configured).</summary>
public sealed class Database(NpgsqlDataSource? source, string endpoint) : IAsyncDisposable
{
    public const string NotConfigured = "no database configured (set DATABASE_URL or ConnectionStrings__Default)";

    public NpgsqlDataSource? Source { get; } = source;

    /// <summary>host:port for log lines (never the connection string: it holds the password).</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>Trim-friendly slim builder: only the basic types this app stores, plus TLS (DATABASE_URL's sslmode).</summary>
    public static Database Create(string? connectionString)
    {
        if (connectionString is null) return new Database(null, "none");
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString).EnableTransportSecurity();
        var settings = builder.ConnectionStringBuilder;
        return new Database(builder.Build(), $"{settings.Host}:{settings.Port}");
    }

    public NpgsqlDataSource Required => Source ?? throw new DatabaseUnavailableException(NotConfigured);

    /// <summary>
    /// An outage worth a 503 and a retry: no connection, a pool or connect timeout, the server shutting down.
    /// Other server errors (a constraint, bad SQL) are bugs and stay 500 with their stack trace.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        DatabaseUnavailableException => true,
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException => true,
        _ => false,
    };

    public ValueTask DisposeAsync() => Source?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The database cannot serve this request; answered 503 with the reason.</summary>
public sealed class DatabaseUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
