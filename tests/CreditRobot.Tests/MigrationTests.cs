using CreditRobot.Data;
using CreditRobot.Health;
using CreditRobot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditRobot.Tests;

/// <summary>The embedded migrations on a real PostgreSQL: idempotent, and safe for replicas starting together.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    private Migrator MigratorFor(string database) =>
        new(Database.Create(postgres.Server.ConnectionString(database)), NullLogger<Migrator>.Instance);

    private Task<long> CountAsync(string database, string sql) => postgres.Server.ScalarAsync<long>(sql, database);

    [Fact]
    public async Task Migrating_twice_applies_every_script_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();

        var first = await MigratorFor(database).MigrateAsync(CancellationToken.None);
        var second = await MigratorFor(database).MigrateAsync(CancellationToken.None);

        first.Should().Equal(1, 2);
        second.Should().BeEmpty();
        (await CountAsync(database, "SELECT count(*) FROM schema_migrations")).Should().Be(2);
        (await CountAsync(database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'applications_latest'")).Should().Be(1);
    }

    [Fact]
    public async Task Two_replicas_migrating_concurrently_apply_each_script_exactly_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        // Hold the advisory lock ourselves so both migrators are provably waiting at the same time.
        await using var blocker = new Npgsql.NpgsqlConnection(postgres.Server.ConnectionString(database));
        await blocker.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Migrator.AdvisoryLockKey})", blocker)) await take.ExecuteNonQueryAsync();

        var one = MigratorFor(database).MigrateAsync(CancellationToken.None);
        var two = MigratorFor(database).MigrateAsync(CancellationToken.None);
        await Eventually.UntilAsync(async () => await CountAsync(database,
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 2, "both migrators to wait for the advisory lock");
        await using (var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Migrator.AdvisoryLockKey})", blocker)) await release.ExecuteNonQueryAsync();
        var results = await Task.WhenAll(one, two);

        results.SelectMany(r => r).Should().BeEquivalentTo([1, 2], "each version is applied by exactly one replica");
        (await CountAsync(database, "SELECT count(*) FROM schema_migrations")).Should().Be(2);
    }

    [Fact]
    public async Task Readiness_reports_a_schema_that_is_behind()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await postgres.Server.ExecuteAsync(
            "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); " +
            "INSERT INTO schema_migrations (version, name) VALUES (1, 'create_applications')", database);

        var db = Database.Create(postgres.Server.ConnectionString(database));
        var migrations = new SchemaMigrationService(db, MigratorFor(database), new ServerConfig.ServerSettings(),
            new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance),
            NullLogger<SchemaMigrationService>.Instance);

        var result = await new DatabaseHealthCheck(db, migrations).CheckHealthAsync(new(), CancellationToken.None);

        result.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy);
        result.Description.Should().Be("schema at version 1, expected 2 (migrations pending)");
    }

    [Fact]
    public void Migrations_are_embedded_numbered_and_ordered()
    {
        Migrator.All.Select(m => (m.Version, m.Name)).Should().Equal((1, "create_applications"), (2, "index_latest_applications"));
        Migrator.LatestVersion.Should().Be(2);
    }
}
