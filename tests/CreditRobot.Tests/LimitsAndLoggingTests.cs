using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>One app with tight limits, JSON logs to files, debug level and an untrusted proxy list.</summary>
public sealed class LimitsApp : IAsyncLifetime
{
    public AppProcess App { get; private set; } = null!;

    public string AccessLogPath => Path.Combine(App.Directory, "access.log");

    public string ErrorLogPath => Path.Combine(App.Directory, "error.log");

    public async Task InitializeAsync() => App = await AppProcess.StartHealthyAsync(new AppOptions
    {
        Config = """
            limit_request_line = 256
            limit_request_fields = 8
            limit_request_field_size = 128
            max_body_size = 100
            keepalive = 1
            forwarded_allow_ips = 10.0.0.1
            log_format = json
            loglevel = debug
            accesslog = access.log
            errorlog = error.log
            """,
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class LimitsAndLoggingTests(LimitsApp fixture) : IClassFixture<LimitsApp>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task limit_request_line_answers_414_for_a_longer_request_line()
    {
        (await App.Http.GetAsync("/healthz?" + new string('a', 200))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await App.Http.GetAsync("/healthz?" + new string('a', 300))).StatusCode.Should().Be(HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task limit_request_fields_answers_431_for_more_header_fields()
    {
        using var few = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        using var many = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        for (var i = 0; i < 10; i++) many.Headers.Add($"X-Field-{i}", "v");

        (await App.Http.SendAsync(few)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await App.Http.SendAsync(many)).StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task limit_request_field_size_answers_431_for_one_larger_field()
    {
        using var small = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { { "X-Note", new string('s', 100) } } };
        using var large = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { { "X-Note", new string('l', 130) } } };

        (await App.Http.SendAsync(small)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var refused = await App.Http.SendAsync(large);
        refused.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("header 'X-Note' is longer than limit_request_field_size");
    }

    [Fact]
    public async Task max_body_size_answers_413_for_a_larger_body()
    {
        var body = $$"""{"applicantName":"{{new string('n', 120)}}","amount":1,"income":1,"term":1}""";

        using var response = await App.Http.PostAsync("/api/applications", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":413").And.NotContain(" at ");
    }

    [Fact]
    public async Task keepalive_closes_an_idle_connection_after_its_seconds()
    {
        using var connection = await RawHttp.ConnectAsync(App.Port);
        (await connection.GetAsync("/healthz")).Should().StartWith("HTTP/1.1 200");
        var idle = Stopwatch.StartNew();

        (await connection.ClosedByServerWithinAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("keepalive = 1 closes idle connections");
        idle.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.9)).And.BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task forwarded_headers_from_a_proxy_not_in_forwarded_allow_ips_are_ignored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz?who=untrusted") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
        await App.Http.SendAsync(request);

        var line = await AccessLine("/healthz?who=untrusted");
        line.GetProperty("client").GetString().Should().Be("127.0.0.1");
    }

    [Fact]
    public async Task log_format_json_accesslog_and_errorlog_files_and_debug_level_shape_the_output()
    {
        await App.Http.GetAsync("/api/quote?amount=100&income=100&term=3&who=json");

        var access = await AccessLine("/api/quote?amount=100&income=100&term=3&who=json");
        access.GetProperty("method").GetString().Should().Be("GET");
        access.GetProperty("status").GetInt32().Should().Be(200);
        access.GetProperty("durationMs").GetDouble().Should().BeGreaterThan(0);
        access.GetProperty("client").GetString().Should().Be("127.0.0.1");

        var server = File.ReadAllLines(fixture.ErrorLogPath).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        server.Should().Contain(l => l.GetProperty("level").GetString() == "debug", "loglevel = debug");
        server.Should().Contain(l => l.GetProperty("message").GetString()!.Contains("log_format=json (") && l.GetProperty("message").GetString()!.Contains("server.conf:7)"));
        App.Stdout.Should().BeEmpty("the access log goes to its file");
        App.Stderr.Should().BeEmpty("the server log goes to its file");
    }

    private async Task<JsonElement> AccessLine(string target)
    {
        var line = await Eventually.UntilAsync(() => Task.FromResult(
            File.ReadAllLines(fixture.AccessLogPath).LastOrDefault(l => l.Contains($"\"path\":\"{target.Replace("&", "\\u0026")}\""))),
            $"an access log line for {target}");
        return JsonDocument.Parse(line).RootElement;
    }
}
