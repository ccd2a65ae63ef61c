using Containers.Builders;
using Containers.Output;
using Npgsql;

namespace Containers.PostgreSql;

/// <summary>
/// A started PostgreSQL server and how to reach it: from the host through 127.0.0.1 and the mapped port, and
/// from containers on the same network through its alias and 5432.
/// </summary>
public sealed class PostgreSqlContainer : IContainer
{
    private readonly IContainer _container;
    private readonly PostgreSqlBuilder.Settings _settings;

    internal PostgreSqlContainer(IContainer container, PostgreSqlBuilder.Settings settings)
    {
        _container = container;
        _settings = settings;
    }

    public string Database => _settings.Database;
    public string Username => _settings.Username;
    public string Password => _settings.Password;

    /// <summary>Npgsql connection string for the host: <c>Host=127.0.0.1;Port={mapped}</c>.</summary>
    public string GetConnectionString() => HostConnectionString(_container, _settings);

    /// <summary><c>postgres://user:pass@127.0.0.1:{mapped}/db</c>, as PaaS platforms set DATABASE_URL.</summary>
    public string GetDatabaseUrl() => Url(Hostname, GetMappedPublicPort(PostgreSqlBuilder.Port));

    /// <summary><c>postgres://user:pass@{alias}:5432/db</c> for containers on the same network.</summary>
    public string GetNetworkDatabaseUrl() => Url(RequireAlias(), PostgreSqlBuilder.Port);

    /// <summary>Npgsql connection string for containers on the same network.</summary>
    public string GetNetworkConnectionString() =>
        ConnectionString(RequireAlias(), PostgreSqlBuilder.Port, _settings);

    internal static string HostConnectionString(IContainer container, PostgreSqlBuilder.Settings settings) =>
        ConnectionString(container.Hostname, container.GetMappedPublicPort(PostgreSqlBuilder.Port), settings);

    private static string ConnectionString(string host, int port, PostgreSqlBuilder.Settings settings) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Database = settings.Database,
            Username = settings.Username,
            Password = settings.Password,
        }.ConnectionString;

    private string Url(string host, int port) =>
        $"postgres://{Uri.EscapeDataString(Username)}:{Uri.EscapeDataString(Password)}@{host}:{port}/{Uri.EscapeDataString(Database)}";

    private string RequireAlias() =>
        _settings.NetworkAlias ?? throw new InvalidOperationException(
            "This PostgreSQL container is on no private network; build it with WithNetwork(network, alias) to get a network address.");

    public ContainerConfiguration Configuration => _container.Configuration;
    public string Id => _container.Id;
    public string Name => _container.Name;
    public string Image => _container.Image;
    public string Hostname => _container.Hostname;
    public ContainerLogs Logs => _container.Logs;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _container.StartAsync(cancellationToken);
        }
        catch (DockerEngine.DockerEngineException e) when (e.Kind == DockerEngine.DockerErrorKind.NotFound)
        {
            throw new InvalidOperationException(
                $"PostgreSQL image '{Image}' is not on this engine. Run `./build.sh BaseImages` (it bootstraps " +
                $"{PostgreSqlBuilder.DefaultImage} from Debian's package) or set {PostgreSqlBuilder.ImageVariable} to an existing image. " +
                $"Engine said: {e.Message}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _container.StopAsync(cancellationToken);
    public ushort GetMappedPublicPort(int containerPort) => _container.GetMappedPublicPort(containerPort);
    public Uri GetBaseAddress(int containerPort) => _container.GetBaseAddress(containerPort);
    public Task<ContainerLogs> GetLogsAsync(CancellationToken cancellationToken = default) => _container.GetLogsAsync(cancellationToken);
    public Task<long> GetExitCodeAsync(CancellationToken cancellationToken = default) => _container.GetExitCodeAsync(cancellationToken);
    public Task<ContainerStatus> GetStatusAsync(CancellationToken cancellationToken = default) => _container.GetStatusAsync(cancellationToken);
    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
