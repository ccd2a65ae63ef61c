using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>Logs an operator can use: full access lines, quiet probes, log rotation, shutdown lines, escaped server log.</summary>
public sealed class OperatorLogTests
{
    private const int SigHup = 1, SigUsr1 = 10;

    private static async Task<(string Body, string Line)> RequestAndLineAsync(AppProcess app, string marker, string referer = "https://shop.example/cart")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/quote?amount=100&income=100&term=3&m={marker}");
        request.Headers.Referrer = new Uri(referer);
        request.Headers.UserAgent.ParseAdd("Operator/1.0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret-pw")));
        using var response = await app.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (body, await app.WaitForLineAsync(stderr: false, l => l.Contains(marker), "the access line"));
    }

    [Fact]
    public async Task A_text_access_line_has_time_client_user_request_status_bytes_referer_agent_and_duration()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions());

        var (body, line) = await RequestAndLineAsync(app, "text1");

        line.Should().MatchRegex($@"^127\.0\.0\.1 - alice \[\d\d/\w{{3}}/\d{{4}}:\d\d:\d\d:\d\d \+0000\] ""GET /api/quote\?amount=100&income=100&term=3&m=text1 HTTP/1\.1"" 200 {Encoding.UTF8.GetByteCount(body)} ""https://shop\.example/cart"" ""Operator/1\.0"" \d+ms$");
        line.Should().NotContain("s3cret", "the basic-auth password is never logged");
    }

    [Fact]
    public async Task A_JSON_access_line_has_level_type_and_every_field()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = "log_format = json" });

        var (body, line) = await RequestAndLineAsync(app, "json1");

        var json = JsonDocument.Parse(line).RootElement;
        json.GetProperty("level").GetString().Should().Be("info");
        json.GetProperty("type").GetString().Should().Be("access");
        json.GetProperty("client").GetString().Should().Be("127.0.0.1");
        json.GetProperty("user").GetString().Should().Be("alice");
        json.GetProperty("status").GetInt32().Should().Be(200);
        json.GetProperty("bytes").GetInt64().Should().Be(Encoding.UTF8.GetByteCount(body));
        json.GetProperty("referer").GetString().Should().Be("https://shop.example/cart");
        json.GetProperty("userAgent").GetString().Should().Be("Operator/1.0");
        json.GetProperty("durationMs").GetDouble().Should().BeGreaterThan(0);
        DateTimeOffset.Parse(json.GetProperty("time").GetString()!).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        app.Stderr.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).Should().AllBe("server");
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("probe_loglevel = info", true)]
    [InlineData("loglevel = debug", true)]
    public async Task Probe_lines_are_written_only_when_probe_loglevel_reaches_loglevel(string config, bool written)
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = config });

        await app.Http.GetAsync("/healthz?m=probe1");
        await app.Http.GetAsync("/readyz?m=probe2");
        await RequestAndLineAsync(app, "after-probes"); // one writer, in order: the probes' lines would be out before it

        app.Stdout.Count(l => l.Contains("m=probe")).Should().Be(written ? 2 : 0, app.Output);
    }

    [Theory]
    [InlineData(SigUsr1, "SIGUSR1")]
    [InlineData(SigHup, "SIGHUP")]
    public async Task A_signal_reopens_the_log_files_after_logrotate_moved_them(int signal, string name)
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = "accesslog = access.log\nerrorlog = error.log" });
        string Log(string file) => Path.Combine(app.Directory, file);
        string Read(string file) => File.Exists(Log(file)) ? File.ReadAllText(Log(file)) : "";
        await app.Http.GetAsync("/api/quote?amount=1&income=1&term=1&m=before");
        await Eventually.UntilAsync(() => Read("access.log").Contains("m=before"), "the first line in access.log");

        File.Move(Log("access.log"), Log("access.log.1"));
        File.Move(Log("error.log"), Log("error.log.1"));
        app.Signal(signal);
        await Eventually.UntilAsync(() => Read("error.log").Contains($"{name}: log files reopened"), $"a new error.log saying {name} reopened the files", context: () => Read("error.log.1"));
        await app.Http.GetAsync("/api/quote?amount=1&income=1&term=1&m=after");

        await Eventually.UntilAsync(() => Read("access.log").Contains("m=after"), "the next line in a new access.log");
        Read("access.log.1").Should().Contain("m=before").And.NotContain("m=after");
        app.HasExited.Should().BeFalse($"{name} does not end the process");
    }

    [Fact]
    public async Task SIGTERM_logs_the_requests_in_flight_and_that_they_drained()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = "graceful_timeout = 30\nloglevel = debug" });
        using var tcp = await HalfSentPostAsync(app);

        app.Terminate();
        await app.WaitForLineAsync(true, l => l.Contains("shutting down (SIGTERM): 1 request(s) in flight, waiting up to graceful_timeout = 30 s"), "the stopping line");
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Body[10..]));

        (await app.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().Be(0);
        app.Stderr.Should().Contain(l => l.Contains("stopped after") && l.EndsWith("s: 1 request(s) drained"), app.Output);
        app.Stdout.Should().Contain(l => l.Contains("\"POST /api/applications HTTP/1.1\" 400 "));
    }

    [Fact]
    public async Task A_request_cut_off_by_graceful_timeout_leaves_a_warning_and_an_access_line()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = "graceful_timeout = 1\nloglevel = debug" });
        using var tcp = await HalfSentPostAsync(app);

        app.Terminate();

        (await app.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().Be(0);
        app.Stderr.Should().Contain(l => l.Contains("[warning]") && l.Contains("request cut off by graceful_timeout = 1 s") && l.EndsWith("127.0.0.1 \"POST /api/applications HTTP/1.1\""), app.Output);
        app.Stderr.Should().Contain(l => l.Contains("stopped after") && l.EndsWith("0 request(s) drained, 1 cut off by graceful_timeout = 1 s"), app.Output);
        app.Stdout.Should().ContainSingle(l => l.Contains("\"POST /api/applications HTTP/1.1\""), app.Output);
    }

    [Fact]
    public async Task At_debug_the_frameworks_request_line_escapes_control_characters()
    {
        await using var app = await AppProcess.StartHealthyAsync(new AppOptions { Config = "loglevel = debug" });
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", app.Port);
            await tcp.GetStream().WriteAsync(Encoding.Latin1.GetBytes("GET /esc\u001b[2J\u007fmark HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
            await tcp.GetStream().ReadAtLeastAsync(new byte[256], 1, throwOnEndOfStream: false);
        }

        var line = await app.WaitForLineAsync(true, l => l.Contains("Request starting") && l.Contains("mark"), "the framework's Request starting line");

        line.Should().Contain("/esc\\x1B[2J\\x7Fmark");
        app.Stderr.Concat(app.Stdout).Should().NotContain(l => l.Any(c => c == '\u001b' || c == '\u007f'), "no raw control character reaches a terminal");
    }

    private const string Body = """{"applicantName":"","amount":1000,"income":3000,"term":12}""";

    // A request in flight: its head and the first bytes of its body, the rest held back; returns once the app has
    // started it (the framework's debug line), so a signal sent next finds it in flight.
    private static async Task<TcpClient> HalfSentPostAsync(AppProcess app)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", app.Port);
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\n\r\n{Body[..10]}"));
        await app.WaitForLineAsync(true, l => l.Contains("Request starting HTTP/1.1 POST"), "the app to start the POST");
        return tcp;
    }
}
