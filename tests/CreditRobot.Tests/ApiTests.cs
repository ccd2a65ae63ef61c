using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditRobot.Tests.Infrastructure;

namespace CreditRobot.Tests;

/// <summary>The JSON API over real HTTP against the app process on a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiTests(PostgresFixture postgres)
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Quote_answers_the_documented_json()
    {
        var app = await postgres.SharedAppAsync();

        using var response = await app.Http.GetAsync("/api/quote?amount=10000&income=2472.20&term=12");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{"amount":10000,"income":2472.20,"term":12,"monthlyPayment":865.27,"approved":true,"reason":"within affordability limit"}""");
    }

    [Fact]
    public async Task Quote_declines_above_35_percent()
    {
        var app = await postgres.SharedAppAsync();

        var json = await JsonOf(await app.Http.GetAsync("/api/quote?amount=10000&income=2472.19&term=12"));

        json.GetProperty("approved").GetBoolean().Should().BeFalse();
        json.GetProperty("reason").GetString().Should().Be("payment exceeds 35% of income");
    }

    [Theory]
    [InlineData("income=3000&term=12", "amount", "is required")]
    [InlineData("amount=&income=3000&term=12", "amount", "is required")]
    [InlineData("amount=ten&income=3000&term=12", "amount", "must be a number greater than 0 and at most 100000000")]
    [InlineData("amount=-5&income=3000&term=12", "amount", "must be a number greater than 0 and at most 100000000")]
    [InlineData("amount=1e5&income=3000&term=12", "amount", "must be a number greater than 0 and at most 100000000")]
    [InlineData("amount=5000&income=0&term=12", "income", "must be a number greater than 0 and at most 100000000")]
    [InlineData("amount=5000&income=3000", "term", "is required")]
    [InlineData("amount=5000&income=3000&term=0", "term", "must be a whole number of months 1-480")]
    [InlineData("amount=5000&income=3000&term=481", "term", "must be a whole number of months 1-480")]
    [InlineData("amount=5000&income=3000&term=1.5", "term", "must be a whole number of months 1-480")]
    public async Task Invalid_quote_input_is_a_400_problem_naming_the_field(string query, string field, string problem)
    {
        var app = await postgres.SharedAppAsync();

        using var response = await app.Http.GetAsync($"/api/quote?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var json = await JsonOf(response);
        json.GetProperty("errors").GetProperty(field)[0].GetString().Should().Be(problem);
        json.GetProperty("detail").GetString().Should().Contain($"{field}: {problem}");
    }

    [Fact]
    public async Task An_application_round_trips_through_postgres()
    {
        var app = await postgres.SharedAppAsync();

        using var created = await app.Http.PostAsJsonAsync("/api/applications",
            new { applicantName = "Ada Lovelace", amount = 10000m, income = 2472.20m, term = 12 });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await JsonOf(created);
        var id = body.GetProperty("id").GetInt64();
        created.Headers.Location!.ToString().Should().Be($"/api/applications/{id}");
        body.GetProperty("monthlyPayment").GetDecimal().Should().Be(865.27m);
        body.GetProperty("approved").GetBoolean().Should().BeTrue();

        var fetched = await JsonOf(await app.Http.GetAsync(created.Headers.Location));
        fetched.GetProperty("applicantName").GetString().Should().Be("Ada Lovelace");
        fetched.GetProperty("income").GetDecimal().Should().Be(2472.20m);
        fetched.GetProperty("reason").GetString().Should().Be("within affordability limit");

        var latest = await JsonOf(await app.Http.GetAsync("/api/applications?limit=1"));
        latest.GetArrayLength().Should().Be(1);
        latest[0].GetProperty("id").GetInt64().Should().Be(id);
    }

    [Theory]
    [InlineData("""{"amount":100,"income":1000,"term":12}""", "applicantName", "is required")]
    [InlineData("""{"applicantName":"  ","amount":100,"income":1000,"term":12}""", "applicantName", "is required")]
    [InlineData("""{"applicantName":"A","amount":"lots","income":1000,"term":12}""", "amount", "has the wrong type")]
    [InlineData("""{"applicantName":"A","amount":100,"income":1000,"term":12.5}""", "term", "has the wrong type")]
    [InlineData("""{"applicantName":"A","amount":100,"income":-1,"term":12}""", "income", "must be a number greater than 0 and at most 100000000")]
    [InlineData("""[1,2]""", "body", "must be a JSON object")]
    public async Task An_invalid_application_is_a_400_problem_naming_the_field(string body, string field, string problem)
    {
        var app = await postgres.SharedAppAsync();

        using var response = await app.Http.PostAsync("/api/applications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonOf(response)).GetProperty("errors").GetProperty(field)[0].GetString().Should().Be(problem);
    }

    [Fact]
    public async Task Unknown_ids_bad_limits_and_wrong_media_types_are_problems()
    {
        var app = await postgres.SharedAppAsync();

        (await app.Http.GetAsync("/api/applications/987654321")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var limit = await app.Http.GetAsync("/api/applications?limit=0");
        limit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonOf(limit)).GetProperty("errors").GetProperty("limit")[0].GetString().Should().Be("must be a whole number 1-100");
        (await app.Http.PostAsync("/api/applications", new StringContent("name=x"))).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_document_too()
    {
        var app = await postgres.SharedAppAsync();

        using var response = await app.Http.GetAsync("/nowhere");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":404");
    }

    [Fact]
    public async Task Probes_say_alive_and_ready_with_the_schema_version()
    {
        var app = await postgres.SharedAppAsync();

        (await app.Http.GetStringAsync("/healthz")).Should().Be("""{"status":"ok"}""");
        (await app.Http.GetStringAsync("/readyz")).Should().Be("""{"status":"ready","schemaVersion":2}""");
    }
}
