using Containers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>A database that is down at startup, comes up, goes away and comes back (replaced, empty): no restart needed.</summary>
public sealed class ReadinessTests
{
    private static async Task<(HttpStatusCode Status, string? Reason)> ReadyzAsync(AppProcess app)
    {
        using var response = await app.Http.GetAsync("/readyz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    [Fact]
    public async Task The_app_starts_without_its_database_and_follows_it_down_and_back()
    {
        // The app is told where the database will be before it exists: a pinned port on 127.0.0.1, nothing listening yet.
        var port = FreePort.Next();
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions
        {
            Environment = { ["DATABASE_URL"] = PostgresServer.DatabaseUrl(port, PostgresServer.DefaultDatabase) },
        });

        var down = await ReadyzAsync(app);
        down.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        down.Reason.Should().StartWith("database unreachable: ");
        using var write = await app.Http.PostAsJsonAsync("/api/applications", new { applicantName = "A", amount = 1, income = 1, term = 1 });
        write.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var problem = await write.Content.ReadAsStringAsync();
        problem.Should().Contain("the database is unavailable; try again later").And.NotContain(" at ").And.NotContain("Npgsql");

        await using (var first = await PostgresServer.StartAsync(hostPort: port))
        {
            await Eventually.UntilAsync(async () => (await ReadyzAsync(app)).Status == HttpStatusCode.OK,
                "/readyz to turn 200 once the background retry has migrated the new database", context: () => app.Output);
            app.Stderr.Should().Contain(l => l.Contains("database schema current at version 2"));

            await first.StopAsync();
            await Eventually.UntilAsync(async () => (await ReadyzAsync(app)).Status == HttpStatusCode.ServiceUnavailable, "/readyz to turn 503 when the database stops");
        }

        // A new server on the same address comes back empty (a replaced volume): /readyz notices and the schema is rebuilt.
        await using var second = await PostgresServer.StartAsync(hostPort: port);
        var last = "";
        await Eventually.UntilAsync(async () =>
        {
            var (status, reason) = await ReadyzAsync(app);
            last = reason ?? "";
            return status == HttpStatusCode.OK;
        }, "/readyz to recover when the database is back", context: () => $"last reason: {last}\n{app.Output}");
        app.Stderr.Count(l => l.Contains("database schema current at version 2")).Should().BeGreaterThanOrEqualTo(2, "migrated at first contact and again on the empty replacement");

        // The tables vanish under a running server: the same recovery, without a reconnect.
        await second.ExecuteAsync("DROP TABLE applications, schema_migrations");
        await Eventually.UntilAsync(async () => (await ReadyzAsync(app)).Status == HttpStatusCode.OK
            && app.Stderr.Count(l => l.Contains("database schema current at version 2")) >= 3,
            "/readyz after the schema was dropped and rebuilt", context: () => app.Output);
        app.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task Without_a_configured_database_readiness_says_how_to_configure_one()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions());

        (await ReadyzAsync(app)).Should().Be((HttpStatusCode.ServiceUnavailable, "no database configured (set DATABASE_URL or ConnectionStrings__Default)"));
    }
}
