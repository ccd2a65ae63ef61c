using Containers;
using Containers.PostgreSql;

namespace SmokeTests.Infrastructure;

/// <summary>
/// One private network with one PostgreSQL for the whole smoke run (started on first use, shared by the scenario
/// groups that need a database, so the run pays for initdb once). Removed when the test process exits; if the
/// process is killed, the next run's ResourceReaper sweep removes it.
/// </summary>
internal static class SharedDatabase
{
    public const string Alias = "db";

    private static readonly Lazy<Task<(INetwork Network, PostgreSqlContainer Postgres)>> Started = new(StartAsync);

    public static async Task<INetwork> NetworkAsync() => (await Started.Value).Network;

    /// <summary>The app's DATABASE_URL on the private network: postgres://…@db:5432/…</summary>
    public static async Task<string> DatabaseUrlAsync() => (await Started.Value).Postgres.GetNetworkDatabaseUrl();

    private static async Task<(INetwork, PostgreSqlContainer)> StartAsync()
    {
        var network = new NetworkBuilder().WithName("smoke").Build();
        var postgres = new PostgreSqlBuilder().WithNetwork(network, Alias).Build();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAsync(network, postgres).Wait(TimeSpan.FromSeconds(10));
        try
        {
            await postgres.StartAsync();
        }
        catch
        {
            await RemoveAsync(network, postgres);
            throw;
        }

        return (network, postgres);
    }

    private static async Task RemoveAsync(INetwork network, PostgreSqlContainer postgres)
    {
        await postgres.DisposeAsync();
        await network.DisposeAsync();
    }
}
