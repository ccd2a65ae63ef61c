using Spectre.Console;
using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

/// <summary>What a NUKE user types: --targets, --continue, --verbosity minimal, NUKE_ and loose environment
/// names, --help in a narrow terminal; and secrets that stay out of errors and child processes.</summary>
public sealed class NukeHabitTests
{
    [Fact]
    public async Task Target_and_targets_options_name_the_invoked_targets()
    {
        var target = await BuildRun.RunAsync<HabitBuild>(["--target", "Second"]);
        var targets = await BuildRun.RunAsync<HabitBuild>(["--targets", "Second", "Talk"]);

        target.ExitCode.Should().Be(0, target.Output);
        target.Build.Ran.Should().Equal("Second");
        targets.ExitCode.Should().Be(0, targets.Output);
        targets.Output.Should().MatchRegex(@"\| Second\s+\| Succeeded").And.MatchRegex(@"\| Talk\s+\| Succeeded");
    }

    [Fact]
    public async Task Continue_runs_the_rest_after_a_failure_but_not_the_failed_targets_dependents()
    {
        var stop = await BuildRun.RunAsync<HabitBuild>(["First", "Second", "AfterFirst"]);
        var go = await BuildRun.RunAsync<HabitBuild>(["First", "Second", "AfterFirst", "--continue"]);

        stop.Build.Ran.Should().Equal("First");
        go.Build.Ran.Should().Equal("First", "Second");
        go.ExitCode.Should().Be(1, "the build still failed");
        go.Output.Should().MatchRegex(@"\| AfterFirst\s+\| Not run\s+\|\s+\| First did not succeed");
    }

    [Theory]
    [InlineData("quiet", false, false, false)]
    [InlineData("minimal", true, false, false)]
    [InlineData("normal", true, true, true)]
    [InlineData("verbose", true, true, true)]
    public async Task Verbosity_levels_show_more_at_each_step(string level, bool header, bool info, bool toolOutput)
    {
        var run = await BuildRun.RunAsync<HabitBuild>(["Talk", "--verbosity", level]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Lines.Any(l => l.StartsWith("── Talk", StringComparison.Ordinal) || l.Contains("─ Talk ─")).Should().Be(header, run.Output);
        run.Output.Contains("an info line").Should().Be(info, run.Output);
        run.Output.Contains("[sh] tool says hi").Should().Be(toolOutput, run.Output);
        run.Output.Should().Contain("Build succeeded", "the summary is printed at every level");
    }

    [Theory]
    [InlineData("CONF_PORT")]
    [InlineData("NUKE_CONF_PORT")]
    [InlineData("ConfPort")]
    [InlineData("confport")]
    [InlineData("nuke_confport")]
    public async Task A_parameter_reads_its_variable_ignoring_case_underscores_and_the_NUKE_prefix(string variable)
    {
        var run = await BuildRun.RunAsync<HabitBuild>(["--plan", "Second"], new Dictionary<string, string> { [variable] = "9090" });

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().MatchRegex(@"--conf-port\s+9090  \[environment");
    }

    [Fact]
    public async Task The_exact_variable_name_wins_over_other_spellings()
    {
        var run = await BuildRun.RunAsync<HabitBuild>(["--plan", "Second"],
            new Dictionary<string, string> { ["CONF_PORT"] = "1111", ["NUKE_CONF_PORT"] = "2222", ["confport"] = "3333" });

        run.Output.Should().MatchRegex(@"--conf-port\s+1111  ");
    }

    [Fact]
    public async Task Help_fits_a_narrow_terminal_and_uses_the_width_of_a_wide_one()
    {
        var narrow = await Help(60);
        var wide = await Help(200);

        narrow.Split('\n').Should().AllSatisfy(l => l.TrimEnd('\r').Length.Should().BeLessThanOrEqualTo(60, l));
        narrow.Should().Contain("--conf-port").And.Contain("A port that no runtime variable uses");
        wide.Split('\n').Should().Contain(l => l.Length > 100, "a wide terminal gets one line per parameter");
        wide.Split('\n').Length.Should().BeLessThan(narrow.Split('\n').Length);
    }

    [Theory]
    [InlineData("--habit-password", "--starts-with-dashes")]
    [InlineData("--habit-pasword", "--starts-with-dashes")]
    public async Task A_secret_value_that_begins_with_dashes_is_bound_or_swallowed_never_echoed(string option, string secret)
    {
        var run = await BuildRun.RunAsync<HabitBuild>(["--plan", "Second", option, secret, "--bogus"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().NotContain("starts-with-dashes");
        run.Output.Should().Contain("Unknown option '--bogus'");
    }

    [Fact]
    public async Task A_secret_value_that_begins_with_dashes_binds_to_its_option()
    {
        var run = await BuildRun.RunAsync<HabitBuild>(["--plan", "Second", "--habit-password", "--x-y"]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().MatchRegex(@"--habit-password\s+\*\*\*  \[command line\]").And.NotContain("--x-y");
    }

    [Fact]
    public async Task Secret_variables_are_removed_from_every_child_process_environment()
    {
        // The child inherits the test process's environment, so the variables are set there (names unique to this test).
        Environment.SetEnvironmentVariable("HABIT_PASSWORD", "from-env-1");
        Environment.SetEnvironmentVariable("NUKE_HABIT_PASSWORD", "from-env-2");
        Environment.SetEnvironmentVariable("HABIT_VISIBLE", "visible");
        try
        {
            var run = await BuildRun.RunAsync<HabitBuild>(
                ["ChildEnvironment", "--show", "HABIT_PASSWORD", "NUKE_HABIT_PASSWORD", "habitpassword", "HABIT_VISIBLE"],
                new Dictionary<string, string> { ["HABIT_PASSWORD"] = "from-env-1", ["NUKE_HABIT_PASSWORD"] = "from-env-2", ["habitpassword"] = "x" });

            run.ExitCode.Should().Be(0, run.Output);
            run.Output.Should().Contain("[sh] HABIT_PASSWORD=<unset>")
                .And.Contain("[sh] NUKE_HABIT_PASSWORD=<unset>")
                .And.Contain("[sh] habitpassword=<unset>")
                .And.Contain("[sh] HABIT_VISIBLE=visible", "only the secrets' variables are removed");
        }
        finally
        {
            Environment.SetEnvironmentVariable("HABIT_PASSWORD", null);
            Environment.SetEnvironmentVariable("NUKE_HABIT_PASSWORD", null);
            Environment.SetEnvironmentVariable("HABIT_VISIBLE", null);
        }
    }

    private static async Task<string> Help(int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        var root = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        var exit = await BuildEngine.RunAsync(new HabitBuild(), new BuildHost { Arguments = ["--help"], Console = console, RootDirectory = root }, null);
        exit.Should().Be(0);
        return writer.ToString();
    }
}
