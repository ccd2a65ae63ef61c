using TypedBuild.Tests.Builds;
using TypedBuild.Tests.Support;

namespace TypedBuild.Tests;

public sealed class ParameterTests
{
    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task Precedence_is_command_line_then_environment_then_parameters_json_then_default()
    {
        const string json = """{ "$schema": "./build.schema.json", "Greeting": "from-json", "Retries": 5, "Flavor": "Chocolate" }""";

        var defaults = await BuildRun.RunAsync<ParameterBuild>(["Show"]);
        var fromJson = await BuildRun.RunAsync<ParameterBuild>(["Show"], parametersJson: json);
        var fromEnv = await BuildRun.RunAsync<ParameterBuild>(["Show"], Env(("GREETING", "from-env")), json);
        var fromArgs = await BuildRun.RunAsync<ParameterBuild>(["Show", "--greeting", "from-args"], Env(("GREETING", "from-env")), json);

        defaults.Build.Greeting.Should().Be("hello");
        defaults.Build.Retries.Should().Be(3);
        fromJson.Build.Greeting.Should().Be("from-json");
        fromJson.Build.Retries.Should().Be(5);
        fromJson.Build.Flavor.Should().Be(Flavor.Chocolate);
        fromEnv.Build.Greeting.Should().Be("from-env");
        fromEnv.Build.Retries.Should().Be(5, "other parameters still come from parameters.json");
        fromArgs.Build.Greeting.Should().Be("from-args");
    }

    [Fact]
    public async Task Every_supported_type_converts_from_the_command_line()
    {
        var run = await BuildRun.RunAsync<ParameterBuild>(
            ["--dry-run", "--retries", "7", "--flavor", "chocolate", "--tags", "a", "b", "--output-directory", "out/x", "--port=8080", "Show"]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Build.DryRun.Should().BeTrue();
        run.Build.Retries.Should().Be(7);
        run.Build.Flavor.Should().Be(Flavor.Chocolate);
        run.Build.Tags.Should().Equal("a", "b");
        ((string)run.Build.OutputDirectory!).Should().Be(Path.Combine(run.Root, "out", "x"));
        run.Build.Port.Should().Be(8080);
    }

    [Fact]
    public async Task Lists_and_flags_convert_from_the_environment_and_parameters_json()
    {
        var fromEnv = await BuildRun.RunAsync<ParameterBuild>(["Show"], Env(("TAGS", "x,y z"), ("DRY_RUN", "true")));
        var fromJson = await BuildRun.RunAsync<ParameterBuild>(["Show"], parametersJson: """{ "Tags": ["p", "q"], "DryRun": true }""");

        fromEnv.Build.Tags.Should().Equal("x", "y", "z");
        fromEnv.Build.DryRun.Should().BeTrue();
        fromJson.Build.Tags.Should().Equal("p", "q");
        fromJson.Build.DryRun.Should().BeTrue();
    }

    [Theory]
    [InlineData(new[] { "--retries", "many" }, "--retries: expected an integer, got 'many'.")]
    [InlineData(new[] { "--flavor", "Chocolat" }, "--flavor: expected one of Vanilla, Chocolate, got 'Chocolat'. Did you mean 'Chocolate'?")]
    [InlineData(new[] { "--retires", "2" }, "Unknown option '--retires'. Did you mean '--retries'? See --help.")]
    [InlineData(new[] { "Shw" }, "Unknown target 'Shw'. Did you mean 'Show'?")]
    [InlineData(new[] { "--skip", "Sho" }, "Unknown --skip target 'Sho'. Did you mean 'Show'?")]
    [InlineData(new[] { "--verbosity", "loud" }, "--verbosity: expected quiet, minimal, normal or verbose, got 'loud'.")]
    [InlineData(new[] { "--retries" }, "--retries expects a value (int).")]
    public async Task Wrong_values_unknown_options_and_targets_are_usage_errors_with_suggestions(string[] args, string message)
    {
        var run = await BuildRun.RunAsync<ParameterBuild>(args);

        run.ExitCode.Should().Be(2);
        run.Lines.Should().Contain("error: " + message);
    }

    [Fact]
    public async Task Wrong_values_in_the_environment_and_parameters_json_name_their_source()
    {
        var env = await BuildRun.RunAsync<ParameterBuild>(["Show"], Env(("RETRIES", "x")));
        var json = await BuildRun.RunAsync<ParameterBuild>(["Show"], parametersJson: """{ "Retries": "x", "Greting": "hi" }""");
        var broken = await BuildRun.RunAsync<ParameterBuild>(["Show"], parametersJson: "{ not json");

        env.ExitCode.Should().Be(2);
        env.Lines.Should().Contain("error: Environment variable RETRIES: expected an integer, got 'x'.");
        json.ExitCode.Should().Be(2);
        json.Lines.Should().Contain("error: .nuke/parameters.json key 'Retries': expected an integer, got 'x'.");
        json.Lines.Should().Contain(l => l.StartsWith("error: .nuke/parameters.json: unknown key 'Greting'. Did you mean 'Greeting'?"));
        broken.ExitCode.Should().Be(2);
        broken.Output.Should().Contain(".nuke/parameters.json is not valid JSON");
    }

    [Fact]
    public async Task Help_lists_parameters_with_type_default_and_environment_variable()
    {
        var run = await BuildRun.RunAsync<ParameterBuild>(["--help", "--not-an-option"]);

        run.ExitCode.Should().Be(0);
        run.Output.Should().MatchRegex(@"--retries\s+<int>\s+A number. default: 3. env RETRIES");
        run.Output.Should().MatchRegex(@"--flavor\s+<Vanilla\|Chocolate>\s+An enum. default: Vanilla. env FLAVOR");
        run.Output.Should().MatchRegex(@"--output-directory\s+<path>\s+A path. env OUTPUT_DIRECTORY");
        run.Output.Should().MatchRegex(@"--registry-password\s+<string>\s+Registry password \(secret\). env REGISTRY_PASSWORD");
    }

    [Fact]
    public async Task Plan_shows_effective_values_and_their_source()
    {
        var run = await BuildRun.RunAsync<ParameterBuild>(["--plan", "Show", "--retries", "9"], Env(("GREETING", "hi")));

        run.Output.Should().MatchRegex(@"--retries\s+9  \[command line\]");
        run.Output.Should().MatchRegex(@"--greeting\s+hi  \[environment GREETING\]");
        run.Output.Should().MatchRegex(@"--flavor\s+Vanilla  \[default\]");
    }
}
