using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>A parameter group: one parameter per entry of a settings table, named from the field, parsed by the table.</summary>
public sealed class ParameterGroupTests
{
    [Fact]
    public async Task Each_entry_is_an_option_an_environment_variable_and_a_parameters_json_key()
    {
        var fromArgs = await BuildRun.RunAsync<GroupBuild>(["Show", "--pool-size", "6", "--pool-pool-mode=safe", "--pool-warm", "false"]);
        var fromEnv = await BuildRun.RunAsync<GroupBuild>(["Show"], new Dictionary<string, string> { ["NUKE_POOL_SIZE"] = "7", ["POOL_WARM"] = "false" });
        var fromFile = await BuildRun.RunAsync<GroupBuild>(["Show"], parametersJson: """{ "PoolSize": 9, "PoolPoolMode": "fast" }""");

        fromArgs.ExitCode.Should().Be(0, fromArgs.Output);
        fromArgs.Build.Settings.Should().Be(new PoolSettings(6, "safe", false));
        fromEnv.Build.Settings.Should().Be(new PoolSettings(7, "fast", false));
        fromFile.Build.Settings.Should().Be(new PoolSettings(9, "fast", true));
    }

    [Fact]
    public async Task The_plan_shows_each_value_and_the_variable_as_the_user_set_it()
    {
        var run = await BuildRun.RunAsync<GroupBuild>(["--plan", "Show"], new Dictionary<string, string> { ["NUKE_POOL_SIZE"] = "7" });

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().MatchRegex(@"--pool-size\s+7  \[environment NUKE_POOL_SIZE\]")
            .And.MatchRegex(@"--pool-pool-mode\s+fast  \[default\]");
    }

    [Theory]
    [InlineData("--pool-size", "-5", "error: --pool-size: '-5' is not a size (expected 1-64).")]
    [InlineData("--pool-pool-mode", "slow", "error: --pool-pool-mode: 'slow' is not a mode (expected fast or safe).")]
    public async Task A_value_the_table_refuses_is_a_usage_error_with_the_tables_message_before_any_target(string option, string value, string error)
    {
        var run = await BuildRun.RunAsync<GroupBuild>(["Show", option, value]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Lines.Should().Contain(error);
        run.Build.Ran.Should().BeFalse();
    }

    [Fact]
    public async Task A_bad_value_in_parameters_json_names_the_key_and_a_broken_rule_names_every_option_involved()
    {
        var file = await BuildRun.RunAsync<GroupBuild>(["Show"], parametersJson: """{ "PoolSize": 100 }""");
        var rule = await BuildRun.RunAsync<GroupBuild>(["--plan", "Show", "--pool-size", "9", "--pool-pool-mode", "safe"]);

        file.ExitCode.Should().Be(2, file.Output);
        file.Output.Should().Contain(".nuke/parameters.json key 'PoolSize': '100' is not a size (expected 1-64).");
        rule.ExitCode.Should().Be(2, rule.Output);
        rule.Output.Should().Contain("error: --pool-size, --pool-pool-mode: safe mode takes at most 8 (expected a smaller size)");
    }

    [Fact]
    public async Task Help_and_schema_come_from_the_same_entries()
    {
        var run = await BuildRun.RunAsync<GroupBuild>(["--help"]);
        var schema = await File.ReadAllTextAsync(Path.Combine(run.Root, ".nuke", "build.schema.json"));

        run.Output.Should().MatchRegex(@"--pool-size\s+<int>\s+Pool size\. default: 4\. env POOL_SIZE")
            .And.MatchRegex(@"--pool-pool-mode\s+<fast\|safe>\s+Mode\. default: fast");
        schema.Should().Contain("\"PoolSize\": {").And.Contain("\"type\": \"integer\"").And.Contain("\"PoolWarm\": {");
        schema.Should().MatchRegex("\"PoolPoolMode\": \\{[^}]*\"enum\": \\[\\s*\"fast\",\\s*\"safe\"");
    }

    [Fact]
    public async Task A_check_between_parameters_fails_before_any_target_whatever_is_planned()
    {
        var run = await BuildRun.RunAsync<GroupBuild>(["Show", "--password", "p4ss"]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("error: --password needs --user too (or neither)").And.NotContain("p4ss");
        run.Build.Ran.Should().BeFalse();
    }
}
