using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(new[] { "Compile" }, 0)]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "--plan", "Test" }, 0)]
    [InlineData(new[] { "Compiel" }, 2)]
    [InlineData(new[] { "--bogus" }, 2)]
    [InlineData(new[] { "-x" }, 2)]
    public async Task Order_build_exit_codes(string[] args, int expected)
    {
        var run = await BuildRun.RunAsync<OrderBuild>(args);

        run.ExitCode.Should().Be(expected, run.Output);
    }

    [Fact]
    public async Task No_target_and_no_default_is_a_usage_error()
    {
        var run = await BuildRun.RunAsync<OrderBuild>([]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("No target given and the build declares no default target.");
    }

    [Fact]
    public async Task A_failed_target_exits_1_and_success_exits_0()
    {
        (await BuildRun.RunAsync<FlowBuild>(["Broken", "--fail"])).ExitCode.Should().Be(1);
        (await BuildRun.RunAsync<FlowBuild>(["Broken"])).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task A_target_that_finds_the_invocation_unusable_exits_2_with_its_message_alone()
    {
        var run = await BuildRun.RunAsync<FlowBuild>(["Misused"]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("Target Misused failed: Image was skipped and no image creditrobot:1.0 exists")
            .And.NotContain("UsageException");
    }
}
