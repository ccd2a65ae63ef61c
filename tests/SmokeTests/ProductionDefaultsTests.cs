using System.Net;
using System.Net.Http.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>The image as production runs it: defaults from its server.conf, PostgreSQL on a private network.</summary>
public sealed class ProductionDefaultsTests(ProductionDefaultsTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<ProductionDefaultsTests.Fixture>, IUsesSharedDatabase
{
    private IContainer App => fixture.Get();

    [Fact]
    public async Task Healthz_and_readyz_answer_200_with_the_database_on_the_private_network() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            (await App.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
            // preload_app migrates before listening, so ready at once; polled only for the database's first answer.
            await Eventually.HoldsAsync(async () => (await App.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(15), "/readyz to answer 200");
        }, App);

    [Fact]
    public async Task Home_page_renders() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            var response = await App.GetAsync("/");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            (await response.Content.ReadAsStringAsync()).Should().Contain("<form");
        }, App);

    [Fact]
    public async Task An_application_round_trip_persists_in_postgresql() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            var name = $"Smoke {Guid.NewGuid():N}";
            var created = await Http.Client.PostAsJsonAsync(App.Url("/api/applications"),
                new { applicantName = name, amount = 10000, income = 4000, term = 36 });
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            created.Headers.Location.Should().NotBeNull();

            var read = await App.GetAsync(created.Headers.Location!.OriginalString);
            read.StatusCode.Should().Be(HttpStatusCode.OK);
            (await read.Content.ReadAsStringAsync()).Should().Contain(name).And.Contain("\"approved\":true");
            (await (await App.GetAsync("/api/applications?limit=100")).Content.ReadAsStringAsync()).Should().Contain(name);
        }, App);

    [Fact]
    public async Task Each_request_writes_an_access_line_to_stdout_and_info_level_hides_debug() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            var marker = Guid.NewGuid().ToString("N");
            (await App.GetAsync($"/api/quote?amount=100&income=100&term=3&m={marker}")).StatusCode.Should().Be(HttpStatusCode.OK);

            await Eventually.HoldsAsync(async () => (await App.StdoutAsync()).Contains($"\"GET /api/quote?amount=100&income=100&term=3&m={marker} HTTP/1.1\" 200"),
                TimeSpan.FromSeconds(5), "the access line of the request on stdout");
            var logs = await App.OutputAsync();
            logs.Should().NotContain("[debug]", "loglevel = info by default");
            logs.Should().NotContain("\"GET /healthz", "probe lines (the image's HEALTHCHECK) are debug lines by default");
            logs.Should().MatchRegex(@"settings from /app/server\.conf: bind=0\.0\.0\.0:8080");
        }, App);

    public sealed class Fixture : ContainerSet
    {
        protected override async Task<IReadOnlyDictionary<string, ContainerBuilder>> DescribeAsync() =>
            new Dictionary<string, ContainerBuilder>
            {
                [""] = (await Infrastructure.App.BuilderAsync("defaults"))
                    .WithNetwork(await SharedDatabase.NetworkAsync())
                    .WithEnvironment("DATABASE_URL", await SharedDatabase.DatabaseUrlAsync())
                    .WithWaitStrategy(Infrastructure.App.UntilHealthy()),
            };
    }
}
