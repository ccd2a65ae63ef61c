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
}
