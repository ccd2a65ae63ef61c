using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>
/// Issue 14, the HTTP half: bad requests are the client's mistake (4xx with words, no error-level stack trace),
/// HEAD works wherever GET does, the access log keeps its line format, and the hardening headers are there.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class HostileRequestTests(PostgresFixture postgres)
{
    private static HttpContent Raw(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static TheoryData<string, string?, int, string> BadForms() => new()
    {
        { "", null, 415, "send the form as application/x-www-form-urlencoded or multipart/form-data" },
        { """{"applicantName":"A","amount":1,"income":1,"term":1}""", "application/json", 415, "send the form as application/x-www-form-urlencoded or multipart/form-data" },
        { "applicantName=A", "text/plain", 415, "send the form as application/x-www-form-urlencoded or multipart/form-data" },
        { "--XX\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n100", "multipart/form-data; boundary=XX", 400, "the form could not be read: Unexpected end of Stream" },
        { "junk", "multipart/form-data", 400, "the form could not be read: Missing content-type boundary." },
        { "--XX\r\nno headers here\r\n--XX--\r\n", "multipart/form-data; boundary=XX", 400, "the form could not be read: " },
        { string.Join('&', Enumerable.Range(0, 40).Select(i => $"f{i}=1")), "application/x-www-form-urlencoded", 400, "the form could not be read: Form value count limit 16 exceeded." },
        { "applicantName=" + new string('k', 300) + "&amount=1&income=1&term=1", "application/x-www-form-urlencoded", 400, "applicantName: must be at most 200 characters" },
        { "applicantName=A%00B&amount=1000&income=3000&term=12", "application/x-www-form-urlencoded", 400, "the form could not be read: The form value contains invalid characters." },
        { "applicantName=%1B%5B31mRed&amount=1000&income=3000&term=12", "application/x-www-form-urlencoded", 400, "applicantName: must be printable text" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_form_post_is_a_4xx_page_saying_why_without_an_error_in_the_log(string body, string? contentType, int status, string message)
    {
        var app = await postgres.SharedAppAsync();

        using var response = await app.Http.PostAsync("/", Raw(body, contentType));

        ((int)response.StatusCode).Should().Be(status, app.Output);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain(message);
        app.Stderr.Should().NotContain(l => l.Contains("[error]") || l.StartsWith("   at ", StringComparison.Ordinal), "a client's mistake is not a server error");
    }

    public static TheoryData<string> BadNames() => new()
    {
        "A\u0000B", "\u0000", "Bell\u0007", "Esc\u001b[2J", "Line\nBreak", "Del\u007f", "C1\u0085inside",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_name_with_control_characters_or_broken_unicode_is_400_naming_the_field(string name)
    {
        var app = await postgres.SharedAppAsync();
        var json = $$"""{"applicantName":"{{string.Concat(name.Select(c => $"\\u{(int)c:x4}"))}}","amount":1000,"income":3000,"term":12}""";

        using var response = await app.Http.PostAsync("/api/applications", Raw(json, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, app.Output);
        (await response.Content.ReadAsStringAsync()).Should().Contain("applicantName");
    }

    [Fact]
    public async Task Printable_unicode_names_are_still_stored_as_given()
    {
        var app = await postgres.SharedAppAsync();
        var json = """{"applicantName":"Zoë 😀 O'Brien \"Jr\" 李","amount":1000,"income":3000,"term":12}""";

        using var response = await app.Http.PostAsync("/api/applications", Raw(json, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("applicantName").GetString().Should().Be("Zoë 😀 O'Brien \"Jr\" 李");
    }

    public static TheoryData<string, string, string?> LargeBodies() => new()
    {
        { "/api/applications", "application/json", null },
        { "/api/applications", "application/json", "chunked" },
        { "/", "application/x-www-form-urlencoded", null },
        { "/", "application/x-www-form-urlencoded", "chunked" },
    };

    [Theory]
    [MemberData(nameof(LargeBodies))]
    public async Task A_body_beyond_16_KiB_is_413_on_the_endpoints_that_read_bodies(string path, string contentType, string? transfer)
    {
        var app = await postgres.SharedAppAsync();
        var body = contentType == "application/json"
            ? $$"""{"applicantName":"{{new string('x', 1024 * 1024)}}","amount":1,"income":1,"term":1}"""
            : "applicantName=" + new string('x', 1024 * 1024) + "&amount=1&income=1&term=1";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Raw(body, contentType) };
        if (transfer is not null) request.Headers.TransferEncodingChunked = true;

        HttpResponseMessage response;
        try
        {
            response = await app.Http.SendAsync(request);
        }
        catch (HttpRequestException) when (transfer is not null)
        {
            return; // answered 413 and closed while the client was still sending: the body was refused, not buffered
        }
        using (response)
        {
            response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, app.Output);
            if (transfer is null) (await response.Content.ReadAsStringAsync()).Should().Contain("this endpoint takes bodies up to 16384 bytes");
        }
        app.HasExited.Should().BeFalse();
        app.Stderr.Should().NotContain(l => l.Contains("[error]") || l.StartsWith("   at ", StringComparison.Ordinal), "a body too large is the client's mistake");
    }

    [Theory]
    [InlineData("zz\r\n", 400)]                     // not a chunk size
    [InlineData("5\r\n{\"a\":1}\r\n", 400)]          // chunk longer than its size
    [InlineData("ffffffffff\r\n", 400)]             // a chunk size that overflows
    public async Task A_malformed_chunked_body_is_the_status_Kestrel_gives_it_without_an_error_in_the_log(string chunks, int status)
    {
        var app = await postgres.SharedAppAsync();

        var head = await SendRawAsync(app.Port, "POST /api/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n" + chunks);

        head.Should().StartWith($"HTTP/1.1 {status}");
        app.Stderr.Should().NotContain(l => l.Contains("[error]") || l.StartsWith("   at ", StringComparison.Ordinal), app.Output);
    }

    private static async Task<string> SendRawAsync(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.Latin1.GetString(buffer, 0, read);
    }

    public static TheoryData<string> GetPaths() => new()
    {
        "/healthz", "/readyz", "/", "/?amount=1000&income=3000&term=12", "/?amount=x", "/applications",
        "/api/quote?amount=1000&income=3000&term=12", "/api/quote", "/api/applications", "/api/applications?limit=0",
        "/api/applications/1", "/api/applications/999999999", "/nowhere",
    };

    [Theory]
    [MemberData(nameof(GetPaths))]
    public async Task HEAD_answers_like_GET_without_a_body(string path)
    {
        var app = await postgres.SharedAppAsync();

        using var get = await app.Http.GetAsync(path);
        using var head = await app.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        head.StatusCode.Should().Be(get.StatusCode, $"HEAD {path}");
        head.Content.Headers.ContentType?.MediaType.Should().Be(get.Content.Headers.ContentType?.MediaType);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/?q=\"quoted\"", "/?q=\\\"quoted\\\"")]
    [InlineData("/?q=a\\b\"", "/?q=a\\\\b\\\"")]
    [InlineData("/?q=\"%20HTTP/1.1\"%20200%200ms", "/?q=\\\"%20HTTP/1.1\\\"%20200%200ms")]
    [InlineData("/?q=a\u0001b\u007fc", "/?q=a\\x01b\\x7Fc")]
    public async Task A_raw_quote_in_the_query_cannot_break_the_access_log_line(string target, string logged)
    {
        var app = await postgres.SharedAppAsync();
        var marker = Guid.NewGuid().ToString("N");
        var sent = target + "&m=" + marker;

        (await SendRawAsync(app.Port, $"GET {sent} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).Should().StartWith("HTTP/1.1 200");

        var line = await app.WaitForLineAsync(false, l => l.Contains(marker), "the access log line of the request");
        line.Should().MatchRegex(AccessLine(), "one quoted request line, then status, bytes, quoted referer and user agent, duration").And.Contain($"\"GET {logged}&m={marker} HTTP/1.1\" 200 ");
    }

    [GeneratedRegex("""^\S+ - - \[[^\]]+\] "(?:[^"\\]|\\.)*" \d{3} \S+ "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*" \d+ms$""")]
    private static partial Regex AccessLine();

    [Theory]
    [InlineData("/")]
    [InlineData("/applications")]
    [InlineData("/?amount=x")]
    public async Task Pages_forbid_framing_and_sniffing(string path)
    {
        var app = await postgres.SharedAppAsync();

        using var page = await app.Http.GetAsync(path);

        page.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
    }

    [Theory]
    [InlineData("/api/quote?amount=1000&income=3000&term=12")]
    [InlineData("/api/quote")]
    [InlineData("/healthz")]
    [InlineData("/nowhere")]
    public async Task Every_other_response_is_nosniff_too(string path)
    {
        var app = await postgres.SharedAppAsync();

        using var response = await app.Http.GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }
}
