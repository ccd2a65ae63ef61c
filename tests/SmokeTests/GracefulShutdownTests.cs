using System.Diagnostics;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary><c>docker stop</c> (SIGTERM) lets in-flight requests finish and exits 0 within graceful_timeout.</summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IUsesSharedDatabase
{
    private const int GracefulTimeoutSeconds = 10;

    [Fact]
    public async Task Docker_stop_during_an_in_flight_request_completes_it_and_exits_0_within_graceful_timeout()
    {
        await using var app = (await App.BuilderAsync("graceful"))
            .WithNetwork(await SharedDatabase.NetworkAsync())
            .WithEnvironment("DATABASE_URL", await SharedDatabase.DatabaseUrlAsync())
            .WithEnvironment("SERVER_GRACEFUL_TIMEOUT", GracefulTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            // In flight: headers and half the body are in, the rest comes only after SIGTERM.
            using var request = await Http.SlowRequest.StartAsync(app.Url("/"), "POST", "/api/applications",
                "application/json", """{"applicantName":"In Flight","amount":10000,"income":4000,"term":36}""");
            var clock = Stopwatch.StartNew();
            var stopping = app.StopAsync();

            // Shutdown has begun once the app stops accepting new requests.
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    await app.GetAsync("/healthz");
                    return false;
                }
                catch (HttpRequestException)
                {
                    return true;
                }
            }, TimeSpan.FromSeconds(GracefulTimeoutSeconds), "the app to stop accepting new requests after SIGTERM");
            stopping.IsCompleted.Should().BeFalse("the in-flight request holds the shutdown open");

            await request.FinishAsync();
            var response = await request.ReadResponseAsync(TimeSpan.FromSeconds(GracefulTimeoutSeconds));
            response.Should().StartWith("HTTP/1.1 201").And.Contain("In Flight");

            await stopping;
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(GracefulTimeoutSeconds), "the app exits once the request is done");
            (await app.GetExitCodeAsync()).Should().Be(0);
            var logs = await app.OutputAsync();
            logs.Should().Contain($"shutting down (SIGTERM): 1 request(s) in flight, waiting up to graceful_timeout = {GracefulTimeoutSeconds} s");
            logs.Should().MatchRegex(@"stopped after \d+\.\d+ s: 1 request\(s\) drained", "docker stop says how the shutdown ended");
        }, app);
    }
}
