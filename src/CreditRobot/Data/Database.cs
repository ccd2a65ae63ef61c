using System.Net.Sockets;
using Npgsql;

namespace CreditRobot.Data;

/// <summary>The app's one PostgreSQL data source, or the reason there is none (no URL configured).</summary>
public sealed class Database(NpgsqlDataSource? source, string endpoint) : IAsyncDisposable
{
    public const string NotConfigured = "no database configured (set DATABASE_URL or ConnectionStrings__Default)";

    public const string NoAnswer = "no answer before the request's deadline (timeout)";

    public const string UnsupportedAuthentication = "the server asks for an authentication method this app does not support " +
        "(GSS/Kerberos or SSPI; expected password, md5 or scram-sha-256 for this user in pg_hba.conf)";

    public NpgsqlDataSource? Source { get; } = source;

    /// <summary>host:port for log lines (never the connection string: it holds the password).</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>Trim-friendly slim builder: only the basic types this app stores, plus TLS (DATABASE_URL's sslmode).</summary>
    public static Database Create(string? connectionString)
    {
        if (connectionString is null) return new Database(null, "none");
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString).EnableTransportSecurity();
        var settings = builder.ConnectionStringBuilder;
        var host = settings.Host?.Contains(':') == true ? $"[{settings.Host}]" : settings.Host; // an IPv6 address: [::1]:5432
        return new Database(builder.Build(), $"{host}:{settings.Port}");
    }

    /// <summary>
    /// Opens a connection and runs <paramref name="work"/> on it, answering when <paramref name="cancellationToken"/>
    /// fires even if the database does not: a hung server (paused, a dead network path) ignores the cancel request
    /// Npgsql sends, and only Npgsql's own timeouts (connect, command) would end the wait, long after the request's
    /// timeout. The abandoned operation ends on those timeouts in the background; its outcome is observed, not logged.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var source = Source ?? throw new DatabaseUnavailableException(NotConfigured);
        var running = OpenAndRunAsync(source, work, cancellationToken);
        try
        {
            return await running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!running.IsCompleted)
        {
            _ = running.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private static async Task<T> OpenAndRunAsync<T>(NpgsqlDataSource source, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await source.OpenConnectionAsync(cancellationToken);
        }
        catch (NotSupportedException e)
        {
            // Npgsql's slim builder has no GSS/SSPI: a server that asks for it is the operator's configuration, not a bug.
            throw new DatabaseUnavailableException(UnsupportedAuthentication, e);
        }
        await using (connection) return await work(connection, cancellationToken);
    }

    /// <summary>
    /// An outage, or the operator's configuration, worth a 503 and a retry: no connection, a pool or connect timeout,
    /// the server shutting down, a wrong password or a missing pg_hba.conf entry, a missing database, missing rights,
    /// a schema that could not be migrated. Other server errors (a constraint, bad SQL) are bugs: 500 with their trace.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        DatabaseUnavailableException or TimeoutException or SocketException => true,
        PostgresException postgres => postgres.IsTransient || IsConfiguration(postgres.SqlState),
        NpgsqlException => true,
        _ => false,
    };

    // 28xxx: invalid authorization (wrong password, no pg_hba.conf entry); 3D000: no such database; 42501: insufficient
    // privilege; 42P01: a table that does not exist (the schema is not migrated: missing CREATE rights, a new empty database).
    private static bool IsConfiguration(string sqlState) =>
        sqlState.StartsWith("28", StringComparison.Ordinal) || sqlState is "3D000" or "42501" or "42P01";

    /// <summary>The messages of the exception and its causes on one line, e.g. "Exception while connecting: Connection refused".</summary>
    public static string Reason(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A server error's own words, without Npgsql's "POSITION: 28" and detail lines.
            var message = e is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : e.Message.ReplaceLineEndings(" ");
            if (!messages.Contains(message) && e is not NotSupportedException) messages.Add(message);
        }
        return string.Join(": ", messages);
    }

    public ValueTask DisposeAsync() => Source?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The database cannot serve this request; answered 503 with the reason.</summary>
public sealed class DatabaseUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
