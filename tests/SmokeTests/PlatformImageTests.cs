using System.Net;
using Benchmark.Measure;
using Containers;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// The smoke subset for the image of another platform (linux/arm64 on an amd64 machine), run under qemu user-mode
/// emulation: it starts, answers /healthz and /readyz with a real PostgreSQL, and gives the same /api/quote answers
/// as the host's image for the benchmark's inputs. Only the PlatformSmokeTest target runs it (it hands over
/// <see cref="ProjectNames.PlatformImageVariable"/>); SmokeTest leaves it out. Emulated timings prove nothing about speed.
/// </summary>
public sealed class PlatformImageTests(PlatformImageTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<PlatformImageTests.Fixture>, IUsesSharedDatabase
{
    private IContainer Platform => fixture.Get("platform");
    private IContainer Host => fixture.Get("host");

    [Fact]
    public async Task The_process_runs_under_emulation_as_the_images_architecture() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            using var docker = TestcontainersEngine.CreateClient();
            var image = await docker.Images.InspectImageAsync(Platform.Image.FullName);
            image.Architecture.Should().NotBe((await docker.Images.InspectImageAsync(await SmokeImage.IdAsync())).Architecture,
                "the platform image is another architecture than the host's");
            // The kernel hands a foreign ELF to the binfmt_misc interpreter: the process list shows qemu running the app.
            var top = await docker.Containers.ListProcessesAsync(Platform.Id, new Docker.DotNet.Models.ContainerListProcessesParameters());
            (top.Processes ?? []).Select(p => string.Join(' ', p)).Should().Contain(p => p.Contains("binfmt") && p.Contains("/app/CreditRobot"));
        }, Platform);

    [Fact]
    public async Task Healthz_and_readyz_answer_200_with_postgresql() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            (await Platform.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
            await Eventually.HoldsAsync(async () => (await Platform.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "/readyz of the emulated image to answer 200");
        }, Platform);

    [Fact]
    public async Task Quote_answers_match_the_host_image_for_the_benchmark_inputs() =>
        await output.PrintLogsOnFailureAsync(async () =>
        {
            var differences = new List<string>();
            foreach (var query in CorrectnessGate.Queries)
            {
                var path = "/api/quote" + (query.Length == 0 ? "" : "?" + query);
                var (platform, host) = (await Platform.GetAsync(path), await Host.GetAsync(path));
                var (platformBody, hostBody) = (await platform.Content.ReadAsStringAsync(), await host.Content.ReadAsStringAsync());
                if (platform.StatusCode != host.StatusCode || !CorrectnessGate.JsonEquivalent(platformBody, hostBody))
                    differences.Add($"{path}: {(int)platform.StatusCode} {platformBody} vs host {(int)host.StatusCode} {hostBody}");
            }
            differences.Should().BeEmpty($"both images answer the {CorrectnessGate.Queries.Count} inputs alike");
        }, Platform, Host);

    public sealed class Fixture : ContainerSet
    {
        /// <summary>An emulated start has taken 45 s on the loaded 2-core machine (the native one under 1 s).</summary>
        private static readonly TimeSpan EmulatedStart = TimeSpan.FromMinutes(4);

        protected override async Task<IReadOnlyDictionary<string, ContainerBuilder>> DescribeAsync()
        {
            var platformImage = Environment.GetEnvironmentVariable(ProjectNames.PlatformImageVariable) is { Length: > 0 } image ? image
                : throw new InvalidOperationException($"{ProjectNames.PlatformImageVariable} is not set: run `./build.sh PlatformSmokeTest`, " +
                                                      "which builds the other platform's image and hands over its id.");
            var (network, url) = (await SharedDatabase.NetworkAsync(), await SharedDatabase.DatabaseUrlAsync());
            return new Dictionary<string, ContainerBuilder>
            {
                ["platform"] = (await Infrastructure.App.BuilderAsync("platform")).WithImage(platformImage)
                    .WithNetwork(network).WithEnvironment("DATABASE_URL", url)
                    .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
                        r => r.ForPort(Infrastructure.App.Port).ForPath("/healthz"), o => o.WithTimeout(EmulatedStart))),
                ["host"] = (await Infrastructure.App.BuilderAsync("platform-host"))
                    .WithNetwork(network).WithEnvironment("DATABASE_URL", url)
                    .WithWaitStrategy(Infrastructure.App.UntilHealthy()),
            };
        }
    }
}
