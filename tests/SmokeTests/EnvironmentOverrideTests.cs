using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>Settings overridden at <c>docker run</c> through the environment take effect (no database needed).</summary>
public sealed class EnvironmentOverrideTests(EnvironmentOverrideTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<EnvironmentOverrideTests.Fixture>
{
    [Fact]
    public async Task SERVER_LOGLEVEL_debug_adds_debug_lines()
    {
        var app = fixture.Get("loglevel");
        await output.PrintLogsOnFailureAsync(async () =>
        {
            (await app.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
            await Eventually.HoldsAsync(async () => (await app.OutputAsync()).Contains("[debug]"), TimeSpan.FromSeconds(5), "a [debug] line");
            (await app.OutputAsync()).Should().Contain("loglevel=debug (SERVER_LOGLEVEL");
        }, app);
    }

    [Theory]
    [InlineData("PORT", 9090)]
    [InlineData("SERVER_BIND", 7070)]
    public async Task PORT_and_SERVER_BIND_move_the_listening_port(string variable, int port)
    {
        var app = fixture.Get(variable);
        await output.PrintLogsOnFailureAsync(async () =>
        {
            (await app.GetAsync("/healthz", port)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await app.OutputAsync()).Split('\n').Should().Contain(l => l.Contains($"bind=0.0.0.0:{port} (") && l.Contains(variable));
            // Nothing listens on 8080 any more: the engine's proxy accepts and drops the connection.
            await app.Invoking(a => a.GetAsync("/healthz")).Should().ThrowAsync<HttpRequestException>();
        }, app);
    }

    [Fact]
    public async Task WEB_CONCURRENCY_shows_in_the_startup_settings_line()
    {
        var app = fixture.Get("concurrency");
        await output.PrintLogsOnFailureAsync(async () =>
        {
            (await app.OutputAsync()).Split('\n').Should().ContainSingle(l => l.Contains("settings from"))
                .Which.Should().MatchRegex(@"workers=3 \([^)]*WEB_CONCURRENCY");
        }, app);
    }

    [Fact]
    public async Task Empty_SERVER_ACCESSLOG_silences_access_lines()
    {
        var app = fixture.Get("accesslog");
        await output.PrintLogsOnFailureAsync(async () =>
        {
            for (var i = 0; i < 3; i++) (await app.GetAsync($"/api/quote?amount=100&income=100&term=3&n={i}")).StatusCode.Should().Be(HttpStatusCode.OK);
            await app.StopAsync(); // afterwards the logs are complete: absence means absence
            var logs = await app.OutputAsync();
            logs.Should().NotMatchRegex("\"GET /api/quote", "accesslog is empty");
            logs.Should().Contain("accesslog=\"\" (SERVER_ACCESSLOG");
        }, app);
    }

    [Fact]
    public async Task SERVER_TIMEOUT_bounds_a_slow_request()
    {
        var app = fixture.Get("timeout");
        await output.PrintLogsOnFailureAsync(async () =>
        {
            // A client that sends half its body and stalls: the request must end at the timeout, not hang.
            using var request = await Http.SlowRequest.StartAsync(app.Url("/"), "POST", "/api/applications",
                "application/json", """{"applicantName":"Slow Client","amount":10000,"income":4000,"term":36}""");
            var clock = Stopwatch.StartNew();
            var response = await request.ReadResponseAsync(TimeSpan.FromSeconds(20)); // without a timeout: no answer at all

            response.Should().StartWith("HTTP/1.1 504");
            clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5)).And.BeLessThan(TimeSpan.FromSeconds(12));
        }, app);
    }

    public sealed class Fixture : ContainerSet
    {
        protected override async Task<IReadOnlyDictionary<string, ContainerBuilder>> DescribeAsync()
        {
            async Task<ContainerBuilder> App(string name, string variable, string value, int port = Infrastructure.App.Port)
            {
                var builder = (await Infrastructure.App.BuilderAsync(name)).WithEnvironment(variable, value);
                if (port != Infrastructure.App.Port) builder = builder.WithPortBinding(port, assignRandomHostPort: true);
                return builder.WithWaitStrategy(Infrastructure.App.UntilHealthy(port));
            }

            return new Dictionary<string, ContainerBuilder>
            {
                ["loglevel"] = await App("loglevel", "SERVER_LOGLEVEL", "debug"),
                ["PORT"] = await App("port", "PORT", "9090", 9090),
                ["SERVER_BIND"] = await App("bind", "SERVER_BIND", "0.0.0.0:7070", 7070),
                ["concurrency"] = await App("concurrency", "WEB_CONCURRENCY", "3"),
                ["accesslog"] = await App("accesslog", "SERVER_ACCESSLOG", ""),
                ["timeout"] = await App("timeout", "SERVER_TIMEOUT", "2"),
            };
        }
    }
}
