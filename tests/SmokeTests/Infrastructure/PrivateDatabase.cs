using Containers;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Networks;
using Testcontainers.PostgreSql;
using Testing;

namespace SmokeTests.Infrastructure;

/// <summary>
/// A private network (session labels: swept after a crash) with one PostgreSQL on it under <see cref="Alias"/>, neither
/// created yet: the scenario decides when the database starts. The app joins <see cref="Network"/> and uses <see cref="Url"/>.
/// Disposing removes the database, then the network.
/// </summary>
internal sealed class PrivateDatabase : IAsyncDisposable
{
    public const string Alias = "db";

    public PrivateDatabase(string name)
    {
        Network = new NetworkBuilder().WithName($"creditrobot-{name}-{Guid.NewGuid().ToString("N")[..8]}").WithSessionLabels().Build();
        Postgres = Infrastructure.Postgres.Builder().WithNetwork(Network).WithNetworkAliases(Alias).Build();
    }

    public INetwork Network { get; }

    public PostgreSqlContainer Postgres { get; }

    /// <summary>DATABASE_URL for a container on <see cref="Network"/>, known before the start: alias and credentials are settings.</summary>
    public static string Url => Infrastructure.Postgres.NetworkUrl(Alias);

    public async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Network.DisposeAsync();
    }
}
