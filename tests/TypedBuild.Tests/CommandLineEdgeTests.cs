using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>An option that needs a value and gets none is a usage error; it never takes the next option as its value.</summary>
public sealed class CommandLineEdgeTests
{
    [Theory]
    [InlineData("--target")]
    [InlineData("--targets")]
    public async Task Target_without_a_name_is_a_usage_error_not_the_default_pipeline(string option)
    {
        var run = await BuildRun.RunAsync<GroupBuild>([option], defaultTarget: b => b.Show);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain($"{option} expects one or more target names");
        run.Build.Ran.Should().BeFalse();
    }

    [Fact]
    public async Task A_secret_option_without_a_value_does_not_swallow_the_next_option()
    {
        var run = await BuildRun.RunAsync<GroupBuild>(["--password", "--plan", "Show"]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("--password expects a value (string); a value that starts with -- is given as --password=VALUE.");
        run.Build.Ran.Should().BeFalse();
    }

    [Theory]
    [InlineData("--password=--x")]
    [InlineData("--password", "--x-not-an-option")]
    public async Task A_secret_that_starts_with_dashes_is_a_value_when_clearly_one(params string[] given)
    {
        var run = await BuildRun.RunAsync<GroupBuild>(["Show", "--user", "u", .. given]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Build.Password.Should().StartWith("--x");
        run.Output.Should().NotContain("--x");
    }
}
