using Containers;
using System.Net;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>The database comes up after the app: /readyz says 503 and why, then 200, without a restart.</summary>
public sealed class DatabaseLateStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Readyz_is_503_until_the_database_starts_then_200_without_a_restart()
    {
        await using var database = new PrivateDatabase("late");
        await using var app = (await App.BuilderAsync("latedb"))
            .WithNetwork(database.Network)
            .WithEnvironment("DATABASE_URL", PrivateDatabase.Url)
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            var before = await app.GetAsync("/readyz");
            before.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await before.Content.ReadAsStringAsync()).Should().Contain("database");
            using var docker = TestcontainersEngine.CreateClient();
            var startedAt = (await docker.Containers.InspectContainerAsync(app.Id)).State!.StartedAt;

            await database.Postgres.StartAsync();

            await Eventually.HoldsAsync(async () => (await app.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "/readyz to answer 200 after the database started");
            var after = await docker.Containers.InspectContainerAsync(app.Id);
            after.RestartCount.Should().Be(0);
            after.State!.StartedAt.Should().Be(startedAt, "the same process recovered");
        }, app, database.Postgres);
    }
}
