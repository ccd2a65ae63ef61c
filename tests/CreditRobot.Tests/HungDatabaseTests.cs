using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CreditRobot.Data;
using CreditRobot.Tests.Infrastructure;
using Npgsql;

namespace CreditRobot.Tests;

/// <summary>
/// Issue 23: a hung database (frozen behind <see cref="FreezableProxy"/>) or a held migration lock bounds nothing the
/// app promises. `timeout` ends a request waiting on it, /readyz answers 503 within 2 s, and SIGTERM during preload_app
/// or a migration's wait for its lock ends the process at once, before it ever listens.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HungDatabaseTests(PostgresFixture postgres)
{
    private static readonly object Application = new { applicantName = "Hung", amount = 1000, income = 3000, term = 12 };

    private async Task<(AppProcess App, FreezableProxy Proxy, string Database)> StartThroughProxyAsync(string config)
    {
        var proxy = new FreezableProxy(postgres.Server.Port);
        var database = await postgres.Server.CreateDatabaseAsync();
        var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = config, Environment = { ["DATABASE_URL"] = PostgresServer.DatabaseUrl(proxy.Port, database) } });
        await Eventually.UntilAsync(async () => (await app.Http.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz 200 through the proxy", context: () => app.Output);
        return (app, proxy, database);
    }

    [Fact]
    public async Task With_timeout_1_a_write_waiting_on_a_hung_database_answers_503_within_about_a_second_and_is_never_stored()
    {
        var (app, proxy, database) = await StartThroughProxyAsync("timeout = 1\n");
        await using var _ = proxy;
        await using var __ = app;
        proxy.Freeze();

        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Http.PostAsJsonAsync("/api/applications", Application)));
        clock.Stop();

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Headers.RetryAfter != null, app.Output);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2.5), "timeout = 1 bounds the wait, not Npgsql's 30 s command timeout");
        proxy.Thaw();
        await Eventually.UntilAsync(async () => (await app.Http.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz 200 after the thaw", context: () => app.Output);
        // The frozen INSERTs reach the server when it wakes: in their transaction, whose client is gone, they store nothing.
        (await app.Http.PostAsJsonAsync("/api/applications", Application)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await postgres.Server.ScalarAsync<long>("SELECT count(*) FROM applications", database)).Should().Be(1, "only the write answered 201 is stored");
        app.Stderr.Should().NotContain(l => l.StartsWith("   at ", StringComparison.Ordinal) || l.Contains("[error]") || l.Contains("[critical]"), app.Output);
        app.Stderr.Count(l => l.Contains("[warning]") && l.Contains("POST /api/applications: database") && l.Contains(Database.NoAnswer))
            .Should().Be(4, "one line per request the database did not answer in time");
    }

    [Fact]
    public async Task With_timeout_1_readyz_under_a_hung_database_is_always_503_within_2_seconds()
    {
        var (app, proxy, _) = await StartThroughProxyAsync("timeout = 1\n");
        await using var __ = proxy;
        await using var ___ = app;
        proxy.Freeze();

        var probes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            using var response = await app.Http.GetAsync("/readyz");
            return (response.StatusCode, clock.Elapsed, Body: await response.Content.ReadAsStringAsync());
        }));

        probes.Should().OnlyContain(p => p.StatusCode == HttpStatusCode.ServiceUnavailable && p.Elapsed < TimeSpan.FromSeconds(2), app.Output);
        probes.Should().OnlyContain(p => p.Body.Contains("did not answer within 1 s"));
        proxy.Thaw();
        app.Stderr.Should().NotContain(l => l.StartsWith("   at ", StringComparison.Ordinal) || l.Contains("[error]"), app.Output);
    }

    [Fact]
    public async Task SIGTERM_while_preload_waits_for_a_hung_database_exits_at_once_without_listening()
    {
        await using var proxy = new FreezableProxy(postgres.Server.Port);
        var database = await postgres.Server.CreateDatabaseAsync();
        proxy.Freeze();
        await using var app = AppProcess.Start(new AppOptions { Environment = { ["DATABASE_URL"] = PostgresServer.DatabaseUrl(proxy.Port, database) } });
        await app.WaitForLineAsync(true, l => l.Contains("settings from"), "the start-up line (preload begins after it)");

        await StopsAtOnceAsync(app);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SIGTERM_while_migrations_wait_for_the_lock_exits_at_once(bool preload)
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(postgres.Server.ConnectionString(database));
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Migrator.AdvisoryLockKey})", holder)) await take.ExecuteNonQueryAsync();
        await using var app = AppProcess.Start(new AppOptions
        {
            Config = $"preload_app = {(preload ? "true" : "false")}\n",
            Environment = { ["DATABASE_URL"] = postgres.Server.DatabaseUrl(database) },
        });
        await Eventually.UntilAsync(async () => await postgres.Server.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", database) == 1, "the app to wait for the migration lock", context: () => app.Output);

        if (preload) await StopsAtOnceAsync(app);
        else
        {
            app.Terminate();
            (await app.WaitForExitAsync(TimeSpan.FromSeconds(3))).Should().Be(0, "graceful_timeout (30 s) is for requests, not a migration's wait\n" + app.Output);
        }
    }

    private static async Task StopsAtOnceAsync(AppProcess app)
    {
        var clock = Stopwatch.StartNew();
        app.Terminate();
        var code = await app.WaitForExitAsync(TimeSpan.FromSeconds(5));
        clock.Stop();

        code.Should().Be(0, app.Output);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "docker stop waits 10 s before SIGKILL");
        app.Stderr.Should().NotContain(l => l.Contains("listening on"), "nothing listens after SIGTERM");
        app.Stderr.Should().Contain(l => l.Contains("stopped before listening"), app.Output);
    }
}
