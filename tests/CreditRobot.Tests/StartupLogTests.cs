using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>The startup line, the text access log, forwarded headers from a trusted proxy, and preload_app.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StartupLogTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_startup_line_lists_every_setting_and_where_non_defaults_came_from()
    {
        var app = await postgres.SharedAppAsync();

        var line = await app.WaitForLineAsync(stderr: true, l => l.Contains("settings from"), "the startup settings line");

        line.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[info\] CreditRobot: settings from .*server\.conf: ");
        line.Should().Contain($"bind=127.0.0.1:{app.Port} (--bind)").And.Contain("workers=5 ").And.Contain("timeout=30 ");
        line.Should().Contain("thread pool min worker threads 5", "workers 5 x threads 1");
    }

    [Fact]
    public async Task The_access_log_has_client_method_target_status_and_duration_on_stdout()
    {
        var app = await postgres.SharedAppAsync();

        await app.Http.GetAsync("/api/quote?amount=5&income=5&term=5&who=text");

        var line = await app.WaitForLineAsync(stderr: false, l => l.Contains("who=text"), "the access log line");
        line.Should().MatchRegex(@"^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d \+0000\] ""GET /api/quote\?amount=5&income=5&term=5&who=text HTTP/1\.1"" 200 \d+ ""-"" ""-"" \d+ms$",
            "Gunicorn's default line (client, -, user, time, request line, status, bytes, referer, user agent), then the duration");
    }

    [Fact]
    public async Task A_proxy_in_forwarded_allow_ips_supplies_the_client_address()
    {
        var app = await postgres.SharedAppAsync(); // forwarded_allow_ips = 127.0.0.1, and the test is that proxy

        using var request = new HttpRequestMessage(HttpMethod.Get, "/?who=proxied") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
        await app.Http.SendAsync(request);

        (await app.WaitForLineAsync(stderr: false, l => l.Contains("who=proxied"), "the access log line"))
            .Should().StartWith("203.0.113.9 - - [").And.Contain("\"GET /?who=proxied");
    }

    [Fact]
    public async Task preload_app_true_migrates_before_listening()
    {
        var app = await postgres.SharedAppAsync();

        Order(app).Should().BeLessThan(0, "the schema is current before Kestrel listens");
    }

    [Fact]
    public async Task preload_app_false_listens_first_and_migrates_in_the_background()
    {
        var (app, _) = await postgres.StartAppAsync("preload_app = false");
        await using var __ = app;

        Order(app).Should().BeGreaterThan(0, "Kestrel listens before the migration runs");
    }

    // Negative: "schema current" logged before "listening on"; positive: after.
    private static int Order(AppProcess app)
    {
        var lines = app.Stderr.ToList();
        var migrated = lines.FindIndex(l => l.Contains("database schema current at version 2"));
        var listening = lines.FindIndex(l => l.Contains("CreditRobot: listening on http://127.0.0.1:"));
        migrated.Should().BeGreaterThanOrEqualTo(0, app.Output);
        listening.Should().BeGreaterThanOrEqualTo(0, app.Output);
        return migrated - listening;
    }
}
