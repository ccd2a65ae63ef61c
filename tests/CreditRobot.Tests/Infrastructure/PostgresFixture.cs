namespace CreditRobot.Tests.Infrastructure;

/// <summary>One PostgreSQL container for the collection, and one app on it with default settings for API tests.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private Task<AppProcess>? _sharedApp;

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    /// <summary>The app with the repository's server.conf (rendered defaults), bound to 127.0.0.1, on a fresh database.</summary>
    public Task<AppProcess> SharedAppAsync() => _sharedApp ??= StartSharedAsync();

    private async Task<AppProcess> StartSharedAsync()
    {
        var database = await Server.CreateDatabaseAsync();
        return await AppProcess.StartHealthyAsync(new AppOptions
        {
            Config = File.ReadAllText(RepositoryRoot.File("server.conf")),
            Environment = { ["DATABASE_URL"] = Server.DatabaseUrl(database) },
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_sharedApp is { IsCompletedSuccessfully: true }) await _sharedApp.Result.DisposeAsync();
        }
        finally
        {
            if (Server is not null) await Server.DisposeAsync(); // null when InitializeAsync failed
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

public static class PostgresFixtureExtensions
{
    /// <summary>An app with <paramref name="config"/> on a fresh, migrated database.</summary>
    public static async Task<(AppProcess App, string Database)> StartAppAsync(this PostgresFixture postgres, string config, params (string Name, string Value)[] environment)
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var options = new AppOptions { Config = config, Environment = { ["DATABASE_URL"] = postgres.Server.DatabaseUrl(database) } };
        foreach (var (name, value) in environment) options.Environment[name] = value;
        var app = await AppProcess.StartHealthyAsync(options);
        try
        {
            await Eventually.UntilAsync(async () => (await app.Http.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz (migrated)", context: () => app.Output);
            return (app, database);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
