using System.Diagnostics;
using System.Net;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// Issue 14, the container-level proof for a hung database: <c>/readyz</c> answers 503 within 2 s while the database
/// is frozen by <c>docker pause</c>, and 200 again after it thaws. Its own database (paused here) and its own group,
/// so it runs beside <see cref="HostileInputTests"/>, not after it.
/// </summary>
public sealed class PausedDatabaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Readyz_answers_503_within_2_seconds_while_the_database_is_paused()
    {
        await using var database = new PrivateDatabase("paused");
        var postgres = database.Postgres;
        await postgres.StartAsync();
        await using var app = (await App.BuilderAsync("pauseddb"))
            .WithNetwork(database.Network)
            .WithEnvironment("DATABASE_URL", PrivateDatabase.Url)
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            await Eventually.HoldsAsync(async () => (await app.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/readyz 200");
            await postgres.PauseAsync();
            try
            {
                for (var probe = 0; probe < 3; probe++) // the pooled connection first, then fresh connects
                {
                    var clock = Stopwatch.StartNew();
                    using var response = await app.GetAsync("/readyz");
                    clock.Stop();
                    output.WriteLine($"/readyz with the database paused: {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms");
                    response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                    clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
                }
            }
            finally
            {
                await postgres.UnpauseAsync();
            }
            await Eventually.HoldsAsync(async () => (await app.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/readyz 200 after unpause");
            (await app.OutputAsync()).Split('\n').Should().NotContain(l => l.StartsWith("   at ", StringComparison.Ordinal), "an outage logs lines, not stack traces");
        }, app, postgres);
    }
}
