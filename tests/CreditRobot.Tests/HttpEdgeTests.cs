using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>Issue 23, HTTP: the documented limits hold at their exact edge, and an odd charset is the client's mistake.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HttpEdgeTests(PostgresFixture postgres)
{
    /// <summary>GET with a request line (method, target, version; no CRLF) of exactly <paramref name="length"/> bytes.</summary>
    private static async Task<string> GetWithRequestLineOfAsync(AppProcess app, int length)
    {
        const string prefix = "/healthz?q=";
        var target = prefix + new string('a', length - "GET ".Length - " HTTP/1.1".Length - prefix.Length);
        $"GET {target} HTTP/1.1".Length.Should().Be(length);
        using var raw = await RawHttp.ConnectAsync(app.Port);
        return await raw.GetAsync(target);
    }

    [Fact]
    public async Task A_request_line_of_exactly_limit_request_line_bytes_is_accepted_and_one_more_is_414()
    {
        var app = await postgres.SharedAppAsync(); // the repository's server.conf: limit_request_line = 4094

        (await GetWithRequestLineOfAsync(app, 4094)).Should().StartWith("HTTP/1.1 200");
        (await GetWithRequestLineOfAsync(app, 4095)).Should().StartWith("HTTP/1.1 414");
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("\"utf-7\"")]
    [InlineData("x-no-such-charset")]
    [InlineData("utf-32")]
    public async Task A_form_in_a_charset_other_than_UTF_8_is_415_saying_so(string charset)
    {
        var app = await postgres.SharedAppAsync();
        var content = new ByteArrayContent("applicantName=Seven&amount=1000&income=3000&term=12"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/x-www-form-urlencoded; charset={charset}");

        using var response = await app.Http.PostAsync("/", content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, app.Output);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"charset {charset.Trim('"')} is not supported (send the form as UTF-8)");
        app.Stderr.Should().NotContain(l => l.Contains("[error]"), app.Output);
    }

    [Fact]
    public async Task A_form_in_UTF_8_with_its_charset_named_is_stored()
    {
        var app = await postgres.SharedAppAsync();
        var content = new StringContent("applicantName=Z%C3%BCrich&amount=1000&income=3000&term=12", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=UTF-8");

        using var response = await app.Http.PostAsync("/", content);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("\U0001F600", 150, HttpStatusCode.Created)]   // 150 emoji: 300 UTF-16 units, 150 code points
    [InlineData("\U0001F600", 200, HttpStatusCode.Created)]
    [InlineData("\U0001F600", 201, HttpStatusCode.BadRequest)]
    [InlineData("e\u0301", 100, HttpStatusCode.Created)]      // é decomposed: 2 code points each, 200 in all
    [InlineData("e\u0301", 101, HttpStatusCode.BadRequest)]   // 202 code points: PostgreSQL's length() says the same
    public async Task A_name_is_at_most_200_code_points(string unit, int count, HttpStatusCode expected)
    {
        var app = await postgres.SharedAppAsync();
        var name = string.Concat(Enumerable.Repeat(unit, count));

        using var response = await app.Http.PostAsJsonAsync("/api/applications", new { applicantName = name, amount = 1000, income = 3000, term = 12 });

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        if (expected == HttpStatusCode.BadRequest) body.Should().Contain("must be at most 200 characters (Unicode code points)");
        else (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("applicantName").GetString().Should().Be(name);
    }
}
