using TypedBuild.Tests.Support;
using TypedBuild.Tests.GitHubActions;

namespace TypedBuild.Tests;

/// <summary>The repository's own build (build/Build.cs through ./build.sh), where its declarations decide.</summary>
public sealed class RepositoryBuildTests
{
    [Fact]
    public async Task Publish_on_CI_without_a_registry_fails_before_anything_runs()
    {
        var result = await PowerShell.RunAsync("bash", ["./build.sh", "Publish"], RepositoryRoot.Path,
            new Dictionary<string, string?> { ["CI"] = "true", ["REGISTRY"] = null, ["NUKE_REGISTRY"] = null, ["LOCAL_REGISTRY_ON_CI"] = null });

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("Target Publish requires 'a registry on CI: --registry or REGISTRY")
            .And.Contain("--local-registry-on-ci")
            .And.NotContain("Engine", "no target may run: a throw-away registry would make the publish look green");
    }

    [Fact]
    public async Task The_smoke_tests_run_without_the_build_say_in_one_line_how_to_run_them()
    {
        // `dotnet test tests/SmokeTests` alone has no image to test: one failing case that names ./build.sh SmokeTest,
        // not every scenario's stack trace. The Test target built the project (Compile) in this assembly's configuration.
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var result = await PowerShell.RunAsync("dotnet", ["test", "tests/SmokeTests", "--no-build", "--configuration", configuration],
            RepositoryRoot.Path, new Dictionary<string, string?> { ["CREDITROBOT_IMAGE"] = null });

        result.ExitCode.Should().NotBe(0, result.Output);
        result.Output.Should().Contain("Failed:     1, Passed:     0, Skipped:     0, Total:     1")
            .And.Contain("CREDITROBOT_IMAGE is not set").And.Contain("run `./build.sh SmokeTest`")
            .And.NotContain("   at ", "a missing image is the user's next step, not a stack trace");
    }

    [Fact]
    public async Task The_apps_runtime_variables_do_not_set_the_server_conf_parameters_but_CONF_ones_do()
    {
        var root = RepositoryRoot.Path;
        var runtime = await PowerShell.RunAsync("bash", ["./build.sh", "--plan", "ServerConfig"], root,
            new Dictionary<string, string?> { ["SERVER_TIMEOUT"] = "5", ["SERVER_PORT"] = "1", ["SERVER_LOG_LEVEL"] = "debug" });
        var build = await PowerShell.RunAsync("bash", ["./build.sh", "--plan", "ServerConfig"], root,
            new Dictionary<string, string?> { ["CONF_TIMEOUT"] = "5" });

        runtime.ExitCode.Should().Be(0, runtime.Output);
        runtime.Output.Should().MatchRegex(@"--conf-timeout\s+30  \[default\]").And.MatchRegex(@"--conf-loglevel\s+info  \[default\]");
        build.Output.Should().MatchRegex(@"--conf-timeout\s+5  \[environment");
    }

    [Fact]
    public async Task The_checked_in_server_conf_and_manifests_are_what_the_current_parameters_generate()
    {
        // The build's own rule (CI=true: a stale file fails), with the repository's .nuke/parameters.json and defaults.
        var result = await PowerShell.RunAsync("bash", ["./build.sh", "ServerConfig", "Manifests"], RepositoryRoot.Path, NoBuildVariables(ci: true));

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("server.conf unchanged").And.MatchRegex(@"(\d+) of \1 unchanged");
    }

    [Fact]
    public async Task A_team_that_customises_a_value_in_parameters_json_stays_green_and_is_told_nothing_it_already_did()
    {
        // A copy of what ServerConfig and Manifests write, under its own .nuke/ (the build's root is the nearest .nuke/).
        var root = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "server.conf"), Path.Combine(root, "server.conf"));
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes"), Path.Combine(root, "deploy", "kubernetes"));
        CopyDirectory(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), Path.Combine(root, ".github", "workflows"));
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), """{ "ConfWorkers": 9, "ConfLoglevel": "warning" }""");
        var buildSh = Path.Combine(RepositoryRoot.Path, "build.sh");

        var customise = await PowerShell.RunAsync("bash", [buildSh, "ServerConfig", "Manifests"], root, NoBuildVariables(ci: false));
        var ci = await PowerShell.RunAsync("bash", [buildSh, "ServerConfig", "Manifests"], root, NoBuildVariables(ci: true));

        customise.ExitCode.Should().Be(0, customise.Output);
        customise.Output.Should().Contain("server.conf was out of date").And.Contain("commit it")
            .And.NotContain("put it in .nuke/parameters.json", "the value is in parameters.json already");
        var conf = await File.ReadAllTextAsync(Path.Combine(root, "server.conf"));
        conf.Should().Contain("\nworkers = 9\n").And.Contain("\nloglevel = warning\n").And.Contain("# Rendered from: --conf-workers 9, --conf-loglevel warning.");
        (await File.ReadAllTextAsync(Path.Combine(root, "deploy", "kubernetes", "deployment.yaml"))).Should().MatchRegex(@"name: SERVER_WORKERS\s+value: ""9""");
        ci.ExitCode.Should().Be(0, "on CI the customised files are what the parameters generate: " + ci.Output);
        ci.Output.Should().Contain("server.conf unchanged").And.MatchRegex(@"(\d+) of \1 unchanged");
    }

    [Fact]
    public async Task A_hand_edited_server_conf_is_refused_with_the_parameter_that_keeps_the_edit()
    {
        var root = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        CopyDirectory(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), Path.Combine(root, ".github", "workflows"));
        var edited = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "server.conf"))).Replace("\ntimeout = 30\n", "\ntimeout = 60\n");
        await File.WriteAllTextAsync(Path.Combine(root, "server.conf"), edited);

        var result = await PowerShell.RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "build.sh"), "ServerConfig"], root, NoBuildVariables(ci: false));

        result.ExitCode.Should().Be(1, result.Output);
        result.Output.Should().MatchRegex(@"server\.conf was edited by hand and is left alone: .*server\.conf:\d+: timeout = 60: set --conf-timeout 60 \(\.nuke/parameters\.json: ""ConfTimeout"": 60\)");
        (await File.ReadAllTextAsync(Path.Combine(root, "server.conf"))).Should().Be(edited, "a hand edit is never overwritten");
    }

    [Theory]
    [InlineData("--conf-workers", "-5", "--conf-workers: -5 is negative (expected a whole number 1-256).")]
    [InlineData("--conf-timeout", "99999", "--conf-timeout: 99999 is out of range (expected whole seconds 0-3600).")]
    [InlineData("--conf-bind", "garbage", "--conf-bind: 'garbage' has no port (expected HOST:PORT, e.g. 0.0.0.0:8080).")]
    [InlineData("--registry", "not a host", "--registry: 'not a host' is not a registry address")]
    [InlineData("--registry-password", "p4ssw0rd-x", "A registry password was given without a username")]
    [InlineData("--platforms", "linux/s390x", "--platforms: 'linux/s390x' is not a platform this build makes; expected a comma-separated list of linux/amd64, linux/arm64")]
    public async Task Values_the_app_or_the_registry_would_refuse_are_usage_errors_before_Manifests_writes_anything(string option, string value, string error)
    {
        var root = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));

        var result = await PowerShell.RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "build.sh"), "Manifests", option, value], root, NoBuildVariables(ci: false));

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("error: " + error);
        Directory.Exists(Path.Combine(root, "deploy")).Should().BeFalse("no target ran");
    }

    [Fact]
    public async Task Publish_from_a_tree_with_uncommitted_changes_is_refused_before_anything_runs_naming_the_files()
    {
        var root = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        // What the build generates into a root that lacks it (a real checkout commits it); only the files below are changes.
        await File.WriteAllTextAsync(Path.Combine(root, ".gitignore"), ".nuke/temp/\n.nuke/build.schema.json\n.github/\n");
        await File.WriteAllTextAsync(Path.Combine(root, "committed.txt"), "v1");
        string[] identity = ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"];
        string[][] commands = [["init", "-q", "-b", "main"], ["add", "."], [.. identity, "commit", "-q", "-m", "c1"]];
        foreach (var git in commands)
            (await PowerShell.RunAsync("git", git, root)).ExitCode.Should().Be(0);
        await File.WriteAllTextAsync(Path.Combine(root, "committed.txt"), "v2");
        foreach (var name in new[] { "new-a.txt", "new-b.txt", "new-c.txt" })
            await File.WriteAllTextAsync(Path.Combine(root, name), name);

        var result = await PowerShell.RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "build.sh"), "Publish"], root, NoBuildVariables(ci: false));

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("Target Publish requires a working tree without uncommitted changes: this checkout differs from its commit")
            .And.Contain("(4 changed files: committed.txt, new-a.txt, new-b.txt and 1 more)")
            .And.Contain("or pass --publish-dirty to publish this tree as 0.1.0-dev.1.g").And.Contain("-dirty only")
            .And.NotContain("Engine", "no target may run: SmokeTest would spend minutes before the refusal");
    }

    private static Dictionary<string, string?> NoBuildVariables(bool ci)
    {
        // The test host's own environment must not decide: no CONF_* or registry values from outside.
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("CONF_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("NUKE_", StringComparison.OrdinalIgnoreCase) ||
                        k.StartsWith("REGISTRY", StringComparison.OrdinalIgnoreCase) || k.Equals("KUBERNETES_IMAGE", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(k => k, string? (_) => null);
        environment["CI"] = ci ? "true" : null;
        environment["GITHUB_ACTIONS"] = null;
        return environment;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
