using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Networks;
using Testcontainers.PostgreSql;
using Testing;

namespace SmokeTests.Infrastructure;

/// <summary>Marks the scenario groups that use <see cref="SharedDatabase"/>, so it is started early only when they run.</summary>
public interface IUsesSharedDatabase;

/// <summary>
/// One private network with one PostgreSQL for the whole smoke run, started on first use and shared by the
/// scenario groups that need a database, so the run pays for initdb once. <see cref="SmokeTestFramework"/>
/// removes both after the last test; if the run is killed, the next run's session sweep does.
/// </summary>
internal static class SharedDatabase
{
    public const string Alias = "db";

    private static readonly Lock Gate = new();
    private static Task<(INetwork Network, PostgreSqlContainer Postgres)>? _started;

    public static async Task<INetwork> NetworkAsync() => (await StartedAsync()).Network;

    /// <summary>The app's DATABASE_URL on the private network: postgres://…@db:5432/…</summary>
    public static async Task<string> DatabaseUrlAsync()
    {
        await StartedAsync();
        return Postgres.NetworkUrl(Alias);
    }

    /// <summary>Starts the database now; failures surface in the tests that await it.</summary>
    public static void StartInBackground() => _ = StartedAsync().ContinueWith(t => t.Exception, TaskScheduler.Default);

    /// <summary>Removes the database and its network if they were started.</summary>
    public static async Task DisposeAsync()
    {
        Task<(INetwork Network, PostgreSqlContainer Postgres)>? started;
        lock (Gate) (started, _started) = (_started, null);
        if (started is null) return;
        try
        {
            var (network, postgres) = await started; // still starting when the run ended early: wait, then remove
            await postgres.DisposeAsync();
            await network.DisposeAsync();
        }
        catch (Exception)
        {
            // a failed start removed what it had created
        }
    }

    private static Task<(INetwork Network, PostgreSqlContainer Postgres)> StartedAsync()
    {
        lock (Gate) return _started ??= StartAsync();
    }

    private static async Task<(INetwork Network, PostgreSqlContainer Postgres)> StartAsync()
    {
        var network = new NetworkBuilder().WithName($"creditrobot-smoke-{Guid.NewGuid().ToString("N")[..8]}").WithSessionLabels().Build();
        var postgres = Postgres.Builder().WithNetwork(network).WithNetworkAliases(Alias).Build();
        try
        {
            await postgres.StartAsync();
        }
        catch
        {
            await postgres.DisposeAsync();
            await network.DisposeAsync();
            throw;
        }

        return (network, postgres);
    }
}
