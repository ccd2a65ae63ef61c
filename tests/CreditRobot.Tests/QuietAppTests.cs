using System.Net;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>keepalive = 0, no access log, warnings only: set through SERVER_ variables over the file.</summary>
public sealed class QuietApp : IAsyncLifetime
{
    public AppProcess App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppProcess.StartHealthyAsync(new AppOptions
    {
        Config = "keepalive = 5\naccesslog = -\nloglevel = info\n",
        Environment = { ["SERVER_KEEPALIVE"] = "0", ["SERVER_ACCESSLOG"] = "", ["SERVER_LOGLEVEL"] = "warning" },
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class QuietAppTests(QuietApp fixture) : IClassFixture<QuietApp>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task keepalive_0_closes_the_connection_after_every_response()
    {
        using var connection = await RawHttp.ConnectAsync(App.Port);

        var response = await connection.GetAsync("/healthz");

        response.Should().StartWith("HTTP/1.1 200").And.Contain("Connection: close");
        (await connection.ClosedByServerWithinAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Fact]
    public async Task An_empty_accesslog_writes_no_access_lines()
    {
        for (var i = 0; i < 3; i++) (await App.Http.GetAsync("/api/quote?amount=1&income=1&term=1")).StatusCode.Should().Be(HttpStatusCode.OK);

        App.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task loglevel_warning_keeps_warnings_and_drops_info()
    {
        await App.WaitForLineAsync(stderr: true, l => l.Contains("[warning] CreditRobot.Data.SchemaMigrationService: no database configured"), "the no-database warning");

        App.Stderr.Should().NotContain(l => l.Contains("[info]") || l.Contains("[debug]"));
        App.Stderr.Should().NotContain(l => l.Contains("settings from"), "the startup settings line is info");
    }
}
