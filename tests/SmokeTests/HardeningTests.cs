using Containers;
using System.Net;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// The image under the strictest production settings: read-only root filesystem (no tmpfs), every capability
/// dropped, no database. It must still serve, as uid 1654, errors as problem details, and turn healthy.
/// </summary>
public sealed class HardeningTests(HardeningTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<HardeningTests.Fixture>
{
    private IContainer App => fixture.Get();

    [Fact]
    public async Task Runs_as_uid_1654_not_root() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            using var docker = TestcontainersEngine.CreateClient();
            (await docker.Images.InspectImageAsync(App.Image.FullName)).Config!.User.Should().Be("1654", "the image declares its user");
            // The real credentials of the running process, as the kernel sees them.
            var pid = (await docker.Containers.InspectContainerAsync(App.Id)).State!.Pid;
            var uidLine = (await File.ReadAllLinesAsync($"/proc/{pid}/status")).Single(l => l.StartsWith("Uid:"));
            uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1..].Should().AllBe("1654");
        }, App);

    [Fact]
    public async Task Serves_with_a_read_only_root_filesystem_and_all_capabilities_dropped() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            using var docker = TestcontainersEngine.CreateClient();
            var host = (await docker.Containers.InspectContainerAsync(App.Id)).HostConfig!;
            host.ReadonlyRootfs.Should().BeTrue();
            host.CapDrop.Should().Equal("ALL");

            var quote = await App.GetAsync("/api/quote?amount=10000&income=4000&term=36");
            quote.StatusCode.Should().Be(HttpStatusCode.OK);
            (await quote.Content.ReadAsStringAsync()).Should().Contain("\"monthlyPayment\":308.77");
        }, App);

    [Theory]
    [InlineData("/api/quote?amount=abc&income=4000&term=36", HttpStatusCode.BadRequest, "amount")]
    [InlineData("/api/applications", HttpStatusCode.ServiceUnavailable, "database")]
    public async Task Errors_are_problem_details_without_a_stack_trace(string path, HttpStatusCode status, string mentions) =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            var response = await App.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();

            response.StatusCode.Should().Be(status, body);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            body.Should().Contain(mentions).And.Contain("\"status\":" + (int)status);
            body.Should().NotContainAny("   at ", "Exception", ".cs:line", "StackTrace");
        }, App);

    [Fact]
    public async Task The_images_health_check_turns_healthy() =>
        await output.PrintLogsOnFailureAsync(() =>
        {
            App.Health.Should().Be(TestcontainersHealthStatus.Healthy, "the fixture waited for it");
            return Task.CompletedTask;
        }, App);

    public sealed class Fixture : ContainerSet
    {
        protected override async Task<IReadOnlyDictionary<string, ContainerBuilder>> DescribeAsync()
        {
            // The image's own HEALTHCHECK command, probed every second instead of every 10 s so the test is quick.
            using var docker = TestcontainersEngine.CreateClient();
            var declared = (await docker.Images.InspectImageAsync(await SmokeImage.IdAsync())).Config?.Healthcheck?.Test;
            if (declared is not { Count: > 1 } || declared[0] != "CMD")
                throw new InvalidOperationException($"The image declares no exec-form HEALTHCHECK (found: {string.Join(' ', declared ?? [])}).");

            return new Dictionary<string, ContainerBuilder>
            {
                [""] = (await Infrastructure.App.BuilderAsync("hardened"))
                    .Hardened()
                    .WithFastHealthCheck(declared)
                    .WithWaitStrategy(Wait.ForUnixContainer()
                        .UntilHttpRequestIsSucceeded(r => r.ForPort(Infrastructure.App.Port).ForPath("/healthz"))
                        .UntilContainerIsHealthy(failingStreak: 3, o => o.WithTimeout(TimeSpan.FromSeconds(60)))),
            };
        }
    }
}
