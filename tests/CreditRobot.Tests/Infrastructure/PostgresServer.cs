using Containers;
using Npgsql;
using Testcontainers.PostgreSql;
using Testing;

namespace CreditRobot.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL in a container (Testcontainers' module, image from CREDITROBOT_POSTGRES_IMAGE),
/// published on 127.0.0.1 only. The app under test runs on the host and reaches it through the mapped port.
/// Tests get a fresh database each from <see cref="CreateDatabaseAsync"/>, so they never share schema state.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The database the container creates; the app's DATABASE_URL may name it before the server exists.</summary>
    public const string DefaultDatabase = "creditrobot";

    private const string Username = "creditrobot";

    // '@' must arrive percent-encoded in DATABASE_URL: a real password check proves the app's URL parser decodes it.
    private const string Password = "s3cr@t";

    private const int ContainerPort = 5432;

    private readonly PostgreSqlContainer _container;

    private PostgresServer(PostgreSqlContainer container)
    {
        _container = container;
        Port = container.GetMappedPublicPort(ContainerPort);
    }

    public int Port { get; }

    /// <summary>
    /// Starts a server and waits until it accepts logins. <paramref name="hostPort"/> pins the published port
    /// (a database the app was told about before it existed); null takes a random one.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(int? hostPort = null)
    {
        var builder = new PostgreSqlBuilder(TestImages.Postgres)
            .WithDatabase(DefaultDatabase).WithUsername(Username).WithPassword(Password);
        if (hostPort is { } pinned) builder = builder.WithPortBinding(pinned, ContainerPort);
        var container = builder.ForTest().Build(); // session labels, published on 127.0.0.1 only
        try
        {
            await container.StartAsync();
            return new PostgresServer(container);
        }
        catch
        {
            await container.DisposeAsync(); // a failed wait leaves a created container behind otherwise
            throw;
        }
    }

    public string ConnectionString(string database = DefaultDatabase) =>
        new NpgsqlConnectionStringBuilder(_container.GetConnectionString()) { Database = database, Timeout = 5, Pooling = false }.ConnectionString;

    /// <summary>As a PaaS would set it (the password percent-encoded).</summary>
    public string DatabaseUrl(string database) => DatabaseUrl(Port, database);

    /// <summary>The URL of a server that will be published on 127.0.0.1:<paramref name="port"/>.</summary>
    public static string DatabaseUrl(int port, string database) =>
        $"postgres://{Username}:{Uri.EscapeDataString(Password)}@127.0.0.1:{port}/{database}";

    /// <summary>Stops the server (SIGINT, fast shutdown); its port closes. The container stays until disposed.</summary>
    public Task StopAsync() => _container.StopAsync();

    /// <summary>A fresh, empty database: tests never share schema state.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return name;
    }

    public async Task ExecuteAsync(string sql, string database = DefaultDatabase)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Removes the container (labelled; a crashed run's leftovers are swept by the next run).</summary>
    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
