using System.Diagnostics;
using Containers.Testing;
using SmokeTests.Infrastructure;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>A bad value in the environment stops the container at once, non-zero, saying what is wrong.</summary>
public sealed class BadConfigurationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("SERVER_LOGLEVEL", "loud")]
    [InlineData("PORT", "70000")]
    [InlineData("SERVER_TIMEOUT", "-5")]
    [InlineData("WEB_CONCURRENCY", "many")]
    [InlineData("SERVER_NO_SUCH_KEY", "1")]
    public async Task Exits_non_zero_within_seconds_with_the_variable_named_in_the_logs(string variable, string value)
    {
        await using var app = (await App.BuilderAsync(output, "badconfig"))
            .WithEnvironment(variable, value)
            .Build();
        var clock = Stopwatch.StartNew();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var exitCode = await app.GetExitCodeAsync(deadline.Token);

            exitCode.Should().Be(2, "exit code 2 means bad configuration");
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
            var logs = await app.GetLogsAsync();
            logs.Stderr.Should().Contain(variable);
            logs.Lines.Should().NotContain(l => l.Text.Contains("listening on"), "bad settings are refused before listening");
        }, app);
    }
}
