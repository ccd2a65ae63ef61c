using Containers.Builders;
using Containers.Output;
using Containers.Waiting;
using Npgsql;

namespace Containers.PostgreSql;

/// <summary>
/// A PostgreSQL server for tests, like Testcontainers' <c>PostgreSqlBuilder</c>. The image is the one the
/// <c>BaseImages</c> step provides (official <c>postgres</c> contract: POSTGRES_USER/PASSWORD/DB), named by
/// <see cref="ImageVariable"/> so the build hands over exactly what it made.
/// </summary>
public sealed class PostgreSqlBuilder
{
    /// <summary>Set by the build to the PostgreSQL image it made or found.</summary>
    public const string ImageVariable = "CREDITROBOT_POSTGRES_IMAGE";

    /// <summary>What <c>BaseImages</c> bootstraps from Debian's package when the official image cannot be pulled.</summary>
    public const string DefaultImage = "creditrobot/bootstrap-postgres:bookworm";

    public const int Port = 5432;

    private const string DataMount = "/var/lib/postgresql/tmpfs";

    private readonly ContainerBuilder _container;
    private readonly Settings _settings;

    public PostgreSqlBuilder()
        : this(new ContainerBuilder(ImageFromEnvironment()).WithName("postgres").WithPortBinding(Port, assignRandomHostPort: true), new Settings())
    {
    }

    private PostgreSqlBuilder(ContainerBuilder container, Settings settings)
    {
        _container = container;
        _settings = settings;
    }

    /// <summary><see cref="ImageVariable"/> if set, else <see cref="DefaultImage"/>.</summary>
    public static string ImageFromEnvironment() =>
        Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : DefaultImage;

    public PostgreSqlBuilder WithImage(string image) => new(_container.WithImage(image), _settings);

    public PostgreSqlBuilder WithDatabase(string database) => new(_container, _settings with { Database = database });

    public PostgreSqlBuilder WithUsername(string username) => new(_container, _settings with { Username = username });

    public PostgreSqlBuilder WithPassword(string password) => new(_container, _settings with { Password = password });

    /// <summary>Joins <paramref name="network"/>; other containers reach the server as <paramref name="alias"/>:5432.</summary>
    public PostgreSqlBuilder WithNetwork(INetwork network, string alias = "db") =>
        new(_container.WithNetwork(network).WithNetworkAliases(alias), _settings with { NetworkAlias = alias });

    public PostgreSqlBuilder WithOutputConsumer(IOutputConsumer consumer) => new(_container.WithOutputConsumer(consumer), _settings);

    /// <summary>How long to wait for the first successful connection (initdb included).</summary>
    public PostgreSqlBuilder WithStartupTimeout(TimeSpan timeout) => new(_container, _settings with { StartupTimeout = timeout });

    /// <summary>Any other container setting (name, labels, limits, …).</summary>
    public PostgreSqlBuilder WithContainer(Func<ContainerBuilder, ContainerBuilder> configure) => new(configure(_container), _settings);

    public PostgreSqlContainer Build()
    {
        var settings = _settings;
        var container = _container
            .WithEnvironment("POSTGRES_USER", settings.Username)
            .WithEnvironment("POSTGRES_PASSWORD", settings.Password)
            .WithEnvironment("POSTGRES_DB", settings.Database)
            // Disposable data on tmpfs: initdb's many fsyncs cost seconds on a busy disk. The server creates the
            // directory itself inside the world-writable mount, so it owns it whatever its uid is.
            .WithTmpfs(DataMount, "rw,mode=1777,size=512m")
            .WithEnvironment("PGDATA", DataMount + "/data")
            // Test databases trade durability for speed; the entrypoint passes these to the server.
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
            .WithWaitStrategy(Wait.ForUnixContainer()
                .WithTimeout(settings.StartupTimeout)
                .UntilPortIsAvailable(Port)
                .Until($"a PostgreSQL connection to database '{settings.Database}' as '{settings.Username}' succeeds",
                    (c, ct) => TryConnectAsync(PostgreSqlContainer.HostConnectionString(c, settings), ct)))
            .Build();
        return new PostgreSqlContainer(container, settings);
    }

    // A real login and query: an open port alone is also what initdb's temporary server shows.
    private static async Task<WaitCheck> TryConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return WaitCheck.Done("connected");
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            return WaitCheck.NotYet(e.Message);
        }
    }

    internal sealed record Settings
    {
        public string Database { get; init; } = "creditrobot";
        public string Username { get; init; } = "creditrobot";
        public string Password { get; init; } = "creditrobot-test";
        public string? NetworkAlias { get; init; }
        public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(120); // initdb on a busy 2-core machine took 40 s
    }
}
