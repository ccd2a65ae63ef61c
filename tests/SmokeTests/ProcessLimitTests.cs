using Docker.DotNet.Models;
using SmokeTests.Infrastructure;
using Xunit.Abstractions;

namespace SmokeTests;

/// <summary>
/// A container whose process limit is below what the server needs (docker --pids-limit, a pod's pids.max) is an
/// operator's mistake: the app exits 1 with one line saying which limit to raise, not a stack trace and SIGSEGV (139).
/// </summary>
public sealed class ProcessLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Too_low_a_pids_limit_exits_1_naming_the_limit_without_a_stack_trace()
    {
        await using var app = (await App.BuilderAsync("pidslimit", publish: false))
            .WithCreateParameterModifier(p => (p.HostConfig ??= new HostConfig()).PidsLimit = 8) // the server needs ~10 threads idle
            .Build();
        await app.StartAsync();

        await output.PrintLogsOnFailureAsync(async () =>
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var exitCode = await app.GetExitCodeAsync(deadline.Token);
            var (stdout, stderr) = await app.GetLogsAsync(timestampsEnabled: false);

            exitCode.Should().Be(1, $"not 139 (a crash)\n{stdout}{stderr}");
            stderr.Should().Contain("cannot start: the system refused a thread or memory").And.Contain("--pids-limit");
            (stdout + stderr).Should().NotContain("   at ").And.NotContain("Unhandled exception");
        }, app);
    }
}
