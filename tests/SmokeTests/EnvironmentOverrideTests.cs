using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Containers.Testing;
using SmokeTests.Infrastructure;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>Settings overridden at <c>docker run</c> through the environment take effect (no database needed).</summary>
public sealed class EnvironmentOverrideTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SERVER_LOGLEVEL_debug_adds_debug_lines()
    {
        await using var app = (await App.BuilderAsync(output, "loglevel"))
            .WithEnvironment("SERVER_LOGLEVEL", "debug")
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            (await app.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
            await Http.EventuallyAsync(() => Task.FromResult(app.Logs.Lines.Any(l => l.Text.Contains("[debug]"))),
                TimeSpan.FromSeconds(5), "a [debug] line");
            app.Logs.Lines.Should().Contain(l => l.Text.Contains("loglevel=debug (SERVER_LOGLEVEL"));
        }, app);
    }

    [Theory]
    [InlineData("PORT", "9090", 9090)]
    [InlineData("SERVER_BIND", "0.0.0.0:7070", 7070)]
    public async Task PORT_and_SERVER_BIND_move_the_listening_port(string variable, string value, int port)
    {
        await using var app = (await App.BuilderAsync(output, "port"))
            .WithEnvironment(variable, value)
            .WithPortBinding(port, assignRandomHostPort: true)
            .WithWaitStrategy(App.UntilHealthy(port))
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            (await app.GetAsync("/healthz", port)).StatusCode.Should().Be(HttpStatusCode.OK);
            app.Logs.Lines.Should().Contain(l => l.Text.Contains($"bind=0.0.0.0:{port} (") && l.Text.Contains(variable));
            // Nothing listens on 8080 any more: the engine's proxy accepts and drops the connection.
            await app.Invoking(a => a.GetAsync("/healthz")).Should().ThrowAsync<HttpRequestException>();
        }, app);
    }

    [Fact]
    public async Task WEB_CONCURRENCY_shows_in_the_startup_settings_line()
    {
        await using var app = (await App.BuilderAsync(output, "concurrency"))
            .WithEnvironment("WEB_CONCURRENCY", "3")
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(() =>
        {
            app.Logs.Lines.Should().ContainSingle(l => l.Text.Contains("settings from"))
                .Which.Text.Should().MatchRegex(@"workers=3 \([^)]*WEB_CONCURRENCY");
            return Task.CompletedTask;
        }, app);
    }

    [Fact]
    public async Task Empty_SERVER_ACCESSLOG_silences_access_lines()
    {
        await using var app = (await App.BuilderAsync(output, "accesslog"))
            .WithEnvironment("SERVER_ACCESSLOG", "")
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            for (var i = 0; i < 3; i++) (await app.GetAsync($"/healthz?n={i}")).StatusCode.Should().Be(HttpStatusCode.OK);
            await app.StopAsync(); // afterwards the logs are complete: absence means absence
            app.Logs.Lines.Should().NotContain(l => Regex.IsMatch(l.Text, "\"GET /healthz"), "accesslog is empty");
            app.Logs.Lines.Should().Contain(l => l.Text.Contains("accesslog=\"\" (SERVER_ACCESSLOG"));
        }, app);
    }

    [Fact]
    public async Task SERVER_TIMEOUT_bounds_a_slow_request()
    {
        await using var app = (await App.BuilderAsync(output, "timeout"))
            .WithEnvironment("SERVER_TIMEOUT", "2")
            .WithWaitStrategy(App.UntilHealthy())
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            // A client that sends half its body and stalls: the request must end at the timeout, not hang.
            using var request = await Http.SlowRequest.StartAsync(app.GetBaseAddress(App.Port), "POST", "/api/applications",
                "application/json", """{"applicantName":"Slow Client","amount":10000,"income":4000,"term":36}""");
            var clock = Stopwatch.StartNew();
            var response = await request.ReadResponseAsync(TimeSpan.FromSeconds(15));

            response.Should().StartWith("HTTP/1.1 504");
            clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5)).And.BeLessThan(TimeSpan.FromSeconds(8));
        }, app);
    }
}
