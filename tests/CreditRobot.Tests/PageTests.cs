using System.Net;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>The server-rendered pages: they work, and nothing a user typed is ever markup.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PageTests(PostgresFixture postgres)
{
    private const string Script = "<script>alert('x')</script>";

    [Fact]
    public async Task The_form_page_renders_and_shows_a_quote()
    {
        var app = await postgres.SharedAppAsync();

        var empty = await app.Http.GetAsync("/");
        var quoted = await app.Http.GetStringAsync("/?amount=10000&income=2472.20&term=12");

        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        empty.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        empty.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'");
        (await empty.Content.ReadAsStringAsync()).Should().Contain("<form method=\"post\" action=\"/\">");
        quoted.Should().Contain("Monthly payment: <strong>865.27</strong> - approved: within affordability limit");
    }

    [Fact]
    public async Task Submitting_the_form_stores_the_application_and_the_list_escapes_the_name()
    {
        var app = await postgres.SharedAppAsync();

        using var posted = await app.Http.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["applicantName"] = Script, ["amount"] = "5000", ["income"] = "300", ["term"] = "12",
        }));
        var list = await app.Http.GetStringAsync("/applications");

        posted.StatusCode.Should().Be(HttpStatusCode.Created);
        var page = await posted.Content.ReadAsStringAsync();
        page.Should().Contain("declined: payment exceeds 35% of income").And.NotContain("<script>");
        list.Should().Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;").And.NotContain("<script>");
    }

    [Fact]
    public async Task Echoed_query_values_and_errors_are_escaped()
    {
        var app = await postgres.SharedAppAsync();

        using var response = await app.Http.GetAsync($"/?amount={Uri.EscapeDataString(Script)}&income=1&term=1&applicantName={Uri.EscapeDataString("\"><img src=x>")}");
        var page = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.Should().Contain("amount: must be a number").And.Contain("value=\"&lt;script&gt;");
        page.Should().NotContain("<script>").And.NotContain("<img");
    }
}
