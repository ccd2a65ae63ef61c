using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using SmokeTests.Infrastructure;
using Containers;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// Issue 23: the image's own HEALTHCHECK probes where the server listens. A <c>[::]</c> bind in a container without
/// IPv6 (no ::1 on its loopback) is probed on 127.0.0.1, and a <c>--bind</c> given after the image name (the container's
/// command, which Docker does not give the HEALTHCHECK command) is read from the server's own command line.
/// </summary>
public sealed class HealthCheckBindTests(HealthCheckBindTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<HealthCheckBindTests.Fixture>
{
    [Theory]
    [InlineData("ipv6-wildcard-without-ipv6")]
    [InlineData("bind-flag-after-the-image")]
    [InlineData("bind-flag-after-the-image-with-init")]
    public async Task The_images_health_check_turns_healthy(string scenario)
    {
        var app = fixture.Get(scenario);
        await output.PrintLogsOnFailureAsync(async () =>
        {
            app.Health.Should().Be(TestcontainersHealthStatus.Healthy, "the fixture waited for it");
            using var docker = TestcontainersEngine.CreateClient();
            var probes = (await docker.Containers.InspectContainerAsync(app.Id)).State!.Health!.Log ?? [];
            output.WriteLine(string.Join("\n", probes.Select(p => $"exit {p.ExitCode}: {p.Output.Trim()}")));
            probes.Should().Contain(p => p.ExitCode == 0 && p.Output.Contains(scenario.StartsWith("ipv6", StringComparison.Ordinal)
                ? "healthcheck: http://127.0.0.1:8080/healthz answered 200"
                : "healthcheck: http://127.0.0.1:9000/healthz answered 200"));
        }, app);
    }

    public sealed class Fixture : ContainerSet
    {
        protected override async Task<IReadOnlyDictionary<string, ContainerBuilder>> DescribeAsync()
        {
            using var docker = TestcontainersEngine.CreateClient();
            var declared = (await docker.Images.InspectImageAsync(await SmokeImage.IdAsync())).Config?.Healthcheck?.Test
                ?? throw new InvalidOperationException("The image declares no HEALTHCHECK.");
            var healthy = Wait.ForUnixContainer().UntilContainerIsHealthy(failingStreak: 3, o => o.WithTimeout(TimeSpan.FromSeconds(60)));

            return new Dictionary<string, ContainerBuilder>
            {
                ["ipv6-wildcard-without-ipv6"] = (await App.BuilderAsync("hc-ipv6", publish: false))
                    .WithEnvironment("SERVER_BIND", "[::]:8080")
                    .WithCreateParameterModifier(p => p.HostConfig!.Sysctls = new Dictionary<string, string>
                    {
                        ["net.ipv6.conf.all.disable_ipv6"] = "1", ["net.ipv6.conf.lo.disable_ipv6"] = "1",
                    })
                    .WithFastHealthCheck(declared).WithWaitStrategy(healthy),
                ["bind-flag-after-the-image"] = (await App.BuilderAsync("hc-bind-flag", publish: false))
                    .WithCommand("--bind", "0.0.0.0:9000")
                    .WithFastHealthCheck(declared).WithWaitStrategy(healthy),
                // docker run --init: PID 1 is docker-init, the server its child; the probe finds the server's arguments after it.
                ["bind-flag-after-the-image-with-init"] = (await App.BuilderAsync("hc-bind-init", publish: false))
                    .WithCommand("--bind", "0.0.0.0:9000")
                    .WithCreateParameterModifier(p => p.HostConfig!.Init = true)
                    .WithFastHealthCheck(declared).WithWaitStrategy(healthy),
            };
        }
    }
}
