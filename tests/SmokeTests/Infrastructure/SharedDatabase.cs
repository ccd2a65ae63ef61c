using DotNet.Testcontainers.Networks;

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
    private static readonly Lock Gate = new();
    private static Task<PrivateDatabase>? _started;

    public static async Task<INetwork> NetworkAsync() => (await StartedAsync()).Network;

    /// <summary>The app's DATABASE_URL on the private network: postgres://…@db:5432/…</summary>
    public static async Task<string> DatabaseUrlAsync()
    {
        await StartedAsync();
        return PrivateDatabase.Url;
    }

    /// <summary>Starts the database now; failures surface in the tests that await it.</summary>
    public static void StartInBackground() => _ = StartedAsync().ContinueWith(t => t.Exception, TaskScheduler.Default);

    /// <summary>Removes the database and its network if they were started.</summary>
    public static async Task DisposeAsync()
    {
        Task<PrivateDatabase>? started;
        lock (Gate) (started, _started) = (_started, null);
        if (started is null) return;
        try
        {
            await (await started).DisposeAsync(); // still starting when the run ended early: wait, then remove
        }
        catch (Exception)
        {
            // a failed start removed what it had created
        }
    }

    private static Task<PrivateDatabase> StartedAsync()
    {
        lock (Gate) return _started ??= StartAsync();
    }

    private static async Task<PrivateDatabase> StartAsync()
    {
        var database = new PrivateDatabase("smoke");
        try
        {
            await database.Postgres.StartAsync();
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }
}
