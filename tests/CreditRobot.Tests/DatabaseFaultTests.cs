using Containers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CreditRobot.Tests.Infrastructure;
using Npgsql;

namespace CreditRobot.Tests;

/// <summary>
/// Issue 14, item 5: a database that hangs (frozen behind <see cref="FreezableProxy"/>) or runs out of pooled
/// connections is an outage: /readyz says so within 2 s, requests get 503 with Retry-After, and the log gets one
/// line per failure naming the database's host:port, never a stack trace.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseFaultTests(PostgresFixture postgres)
{
    private static readonly object Application = new { applicantName = "Hung", amount = 1000, income = 3000, term = 12 };

    [Fact]
    public async Task Readyz_answers_503_within_2_seconds_while_the_database_hangs_and_200_when_it_is_back()
    {
        await using var proxy = new FreezableProxy(postgres.Server.Port);
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions
        {
            Environment = { ["DATABASE_URL"] = PostgresServer.DatabaseUrl(proxy.Port, database) },
        });
        await Eventually.UntilAsync(async () => (await app.Http.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz 200 through the proxy", context: () => app.Output);

        proxy.Freeze();
        for (var probe = 0; probe < 3; probe++) // the pooled connection hangs first, then fresh connects hang
        {
            var clock = Stopwatch.StartNew();
            using var response = await app.Http.GetAsync("/readyz");
            clock.Stop();

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await response.Content.ReadAsStringAsync()).Should().Contain($"database 127.0.0.1:{proxy.Port} did not answer within 1 s");
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), $"probe {probe}: a load balancer waits about 2 s");
        }

        proxy.Thaw();
        await Eventually.UntilAsync(async () => (await app.Http.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz 200 after the thaw", context: () => app.Output);
        app.Stderr.Should().NotContain(l => l.StartsWith("   at ", StringComparison.Ordinal), "no stack traces for an outage");
    }

    [Fact]
    public async Task Pool_exhaustion_while_the_database_hangs_is_503_with_Retry_After_and_one_log_line_each()
    {
        await using var proxy = new FreezableProxy(postgres.Server.Port);
        var database = await postgres.Server.CreateDatabaseAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.Server.ConnectionString(database))
        {
            Port = proxy.Port, MaxPoolSize = 2, Timeout = 1,
        }.ConnectionString;
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions
        {
            Config = "timeout = 4\n",
            Environment = { ["ConnectionStrings__Default"] = connectionString },
        });
        await Eventually.UntilAsync(async () => (await app.Http.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz 200 through the proxy", context: () => app.Output);

        proxy.Freeze();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.Http.PostAsJsonAsync("/api/applications", Application)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToArray();
        statuses.Should().NotContain(500, app.Output).And.OnlyContain(s => s == 503 || s == 504, "a hung database is an outage (503) or a timed-out request (504)");
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
        refused.Should().NotBeEmpty("two connections hang, the other requests find the pool exhausted after 1 s");
        foreach (var response in refused)
        {
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
            (await response.Content.ReadAsStringAsync()).Should().Contain("the database is unavailable; try again later").And.NotContain("Npgsql");
        }

        var failures = app.Stderr.Where(l => l.Contains("DatabaseFailureHandler")).ToArray();
        failures.Should().HaveCount(refused.Length, "one line per failed request").And.OnlyContain(l =>
            l.Contains("[warning]") && l.Contains($"POST /api/applications: database 127.0.0.1:{proxy.Port} unavailable: "));
        app.Stderr.Should().NotContain(l => l.StartsWith("   at ", StringComparison.Ordinal) || l.Contains("[error]"), app.Output);
        proxy.Thaw();
    }

    [Fact]
    public async Task A_database_that_refuses_connections_is_503_with_one_line_naming_host_and_port()
    {
        var port = FreePort.Next(); // nothing listens there
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions
        {
            Environment = { ["DATABASE_URL"] = PostgresServer.DatabaseUrl(port, "nowhere") },
        });

        using var response = await app.Http.PostAsJsonAsync("/api/applications", Application);
        using var page = await app.Http.GetAsync("/applications");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var line = await app.WaitForLineAsync(true, l => l.Contains("DatabaseFailureHandler"), "the failure's log line");
        line.Should().Contain($"database 127.0.0.1:{port} unavailable: ").And.Contain("Connection refused");
        app.Stderr.Should().NotContain(l => l.StartsWith("   at ", StringComparison.Ordinal), app.Output);
    }
}
