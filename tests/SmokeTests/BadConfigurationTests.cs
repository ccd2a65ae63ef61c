using Containers;
using System.Globalization;
using DotNet.Testcontainers.Builders;
using SmokeTests.Infrastructure;
using Testing;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>A bad value in the environment stops the container at once, non-zero, saying what is wrong.</summary>
public sealed class BadConfigurationTests(BadConfigurationTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<BadConfigurationTests.Fixture>
{
    public static readonly TheoryData<string, string> Cases = new()
    {
        { "SERVER_LOGLEVEL", "loud" },
        { "PORT", "70000" },
        { "SERVER_TIMEOUT", "-5" },
        { "WEB_CONCURRENCY", "many" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exits_non_zero_within_seconds_with_the_variable_named_in_the_logs(string variable, string value)
    {
        var app = fixture.Get(variable);
        await output.PrintLogsOnFailureAsync(async () =>
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var exitCode = await app.GetExitCodeAsync(deadline.Token); // waits for the exit

            exitCode.Should().Be(2, "exit code 2 means bad configuration");
            // The app's own run time as the engine measured it (container create/start overhead excluded).
            using var docker = TestcontainersEngine.CreateClient();
            var state = (await docker.Containers.InspectContainerAsync(app.Id)).State!;
            var ran = DateTimeOffset.Parse(state.FinishedAt, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(state.StartedAt, CultureInfo.InvariantCulture);
            output.WriteLine($"{variable}={value}: exited {exitCode} after {ran.TotalSeconds:0.00} s");
            ran.Should().BeLessThan(TimeSpan.FromSeconds(10), "bad settings are refused at startup (well under a second on an idle machine), not after a timeout");
            var (stdout, stderr) = await app.GetLogsAsync(timestampsEnabled: false);
            // e.g. "SERVER_LOGLEVEL: loglevel: 'loud' is not a log level (expected one of debug, info, ...)"
            stderr.Should().StartWith($"{variable}: ").And.Contain(value).And.Contain("(expected ");
            (stdout + stderr).Should().NotContain("listening on", "bad settings are refused before listening");
        }, app);
    }

    public sealed class Fixture : ContainerSet
    {
        // No wait strategy: these containers are expected to exit; the tests read how.
        protected override async Task<IReadOnlyDictionary<string, ContainerBuilder>> DescribeAsync()
        {
            var builders = new Dictionary<string, ContainerBuilder>();
            foreach (var row in Cases)
            {
                var (variable, value) = ((string)row[0], (string)row[1]);
                builders[variable] = (await App.BuilderAsync("badconfig", publish: false)).WithEnvironment(variable, value);
            }

            return builders;
        }
    }
}
