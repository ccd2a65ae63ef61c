using Npgsql;

namespace CreditRobot.Data;

/// <summary>The app's one PostgreSQL data source, or the reason there is none (no URL configured).</summary>
public sealed class Database(NpgsqlDataSource? source) : IAsyncDisposable
{
    public const string NotConfigured = "no database configured (set DATABASE_URL or ConnectionStrings__Default)";

    public NpgsqlDataSource? Source { get; } = source;

    /// <summary>Trim-friendly slim builder: only the basic types this app stores, plus TLS (DATABASE_URL's sslmode).</summary>
    public static Database Create(string? connectionString) =>
        new(connectionString is null ? null : new NpgsqlSlimDataSourceBuilder(connectionString).EnableTransportSecurity().Build());

    public NpgsqlDataSource Required => Source ?? throw new DatabaseUnavailableException(NotConfigured);

    public ValueTask DisposeAsync() => Source?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The database cannot serve this request; answered 503 with the reason.</summary>
public sealed class DatabaseUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
