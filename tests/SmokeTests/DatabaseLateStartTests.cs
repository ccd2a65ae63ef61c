using System.Net;
using Containers;
using Containers.PostgreSql;
using Containers.Testing;
using DockerEngine;
using SmokeTests.Infrastructure;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>The database comes up after the app: /readyz says 503 and why, then 200, without a restart.</summary>
public sealed class DatabaseLateStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Readyz_is_503_until_the_database_starts_then_200_without_a_restart()
    {
        await using var network = new NetworkBuilder().WithName("late").Build();
        var postgres = new PostgreSqlBuilder().WithNetwork(network, alias: "late-db").WithOutputConsumer(new XunitOutputConsumer(output)).Build();
        await using var _ = postgres;
        var databaseUrl = postgres.GetNetworkDatabaseUrl(); // known before start: alias and credentials are settings
        await using var app = (await App.BuilderAsync(output, "latedb"))
            .WithNetwork(network)
            .WithEnvironment("DATABASE_URL", databaseUrl)
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            var before = await app.GetAsync("/readyz");
            before.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await before.Content.ReadAsStringAsync()).Should().Contain("database");
            using var docker = new DockerClient();
            var startedAt = (await docker.Containers.InspectAsync(app.Id)).State.StartedAt;

            await postgres.StartAsync();

            await Http.EventuallyAsync(async () => (await app.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "/readyz to answer 200 after the database started");
            var after = await docker.Containers.InspectAsync(app.Id);
            after.RestartCount.Should().Be(0);
            after.State.StartedAt.Should().Be(startedAt, "the same process recovered");
        }, app, postgres);
    }
}
