using TypedBuild.Tests.GitHubActions;

namespace TypedBuild.Tests;

/// <summary>The repository's own build (build/Build.cs through ./build.sh), where its declarations decide.</summary>
public sealed class RepositoryBuildTests
{
    [Fact]
    public async Task Publish_on_CI_without_a_registry_fails_before_anything_runs()
    {
        var result = await PowerShell.RunAsync("bash", ["./build.sh", "Publish"], WorkflowLintTests.RepositoryRoot(),
            new Dictionary<string, string?> { ["CI"] = "true", ["REGISTRY"] = null, ["NUKE_REGISTRY"] = null, ["LOCAL_REGISTRY_ON_CI"] = null });

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("Target Publish requires 'a registry on CI: --registry or REGISTRY")
            .And.Contain("--local-registry-on-ci")
            .And.NotContain("Engine", "no target may run: a throw-away registry would make the publish look green");
    }
}
