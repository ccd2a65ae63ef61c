using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

public sealed class SecretTests
{
    private const string Token = "s3cr3t-T0ken";
    private static readonly Dictionary<string, string> Env = new() { ["TOKEN"] = Token };

    [Fact]
    public async Task A_secret_never_appears_in_log_tool_output_summary_closing_lines_or_errors()
    {
        var run = await BuildRun.RunAsync<SecretBuild>(["Leak", "--fail"], Env);

        run.ExitCode.Should().Be(1, run.Output);
        run.Output.Should().NotContain(Token);
        run.Output.Should().Contain("log: token is ***")
            .And.Contain("[sh] stdout: ***")
            .And.Contain("[sh] stderr: ***")
            .And.Contain("later: ***", "a secret registered at run time is masked too")
            .And.Contain("note: ***")
            .And.Contain("row *** ")
            .And.Contain("closing ***")
            .And.Contain("Leak failed: failed with ***");
    }

    [Fact]
    public async Task A_secret_given_on_the_command_line_is_masked_in_the_plan_and_help()
    {
        var plan = await BuildRun.RunAsync<SecretBuild>(["--plan", "Leak", "--token", Token]);
        var help = await BuildRun.RunAsync<SecretBuild>(["--help", "--token", Token]);

        plan.ExitCode.Should().Be(0, plan.Output);
        plan.Output.Should().NotContain(Token).And.MatchRegex(@"--token\s+\*\*\*  \[command line\]");
        help.Output.Should().NotContain(Token);
    }

    [Fact]
    public async Task A_secret_is_masked_in_a_tool_failure_message_with_captured_output()
    {
        var run = await BuildRun.RunAsync<SecretBuild>(["ToolFails"], Env);

        run.ExitCode.Should().Be(1);
        run.Output.Should().NotContain(Token);
        run.Output.Should().Contain("exited with code 3").And.Contain("failing with ***");
    }

    [Fact]
    public async Task A_malformed_secret_value_is_masked_in_the_usage_error()
    {
        var run = await BuildRun.RunAsync<SecretBuild>(["Leak", "--fail", Token]);

        run.ExitCode.Should().Be(2, "'--fail' takes true/false only when given, so the token is an unknown target");
        run.Output.Should().Contain($"Unknown target '{Token}'", "a value that never became the secret is not masked");

        var masked = await BuildRun.RunAsync<SecretBuild>(["Leak", "--token", Token, "--fail", "maybe"]);
        masked.Output.Should().NotContain(Token);
    }

    [Fact]
    public async Task ParameterValues_gives_every_parameter_with_its_value_and_a_secret_by_name_only()
    {
        var run = await BuildRun.RunAsync<SecretBuild>(["Record", "--image", "127.0.0.1:5000/app:1"], Env);

        run.ExitCode.Should().Be(0, run.Output);
        run.Build.Recorded.Should().BeEquivalentTo(new[]
        {
            new ParameterValue("Token", null, IsSecret: true, IsSet: true),
            new ParameterValue("Fail", "false", IsSecret: false, IsSet: false),
            new ParameterValue("Image", "127.0.0.1:5000/app:1", IsSecret: false, IsSet: true),
        }, "the secret's value is never read out; --image binds the member named CheckedImage");
        run.Build.CheckedImage.Should().Be("127.0.0.1:5000/app:1");
    }
}
