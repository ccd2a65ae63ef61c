using TypedBuild.GitHubActions;

namespace TypedBuild.Tests.GitHubActions;

/// <summary>
/// Validates generated workflows against GitHub's public workflow schema with npm's
/// <c>@action-validator/cli</c> (a real validator, not our own reading of the schema). When the tool
/// cannot be installed the test fails and says so: a silent skip would hide a broken workflow.
/// </summary>
public sealed class WorkflowSchemaTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("workflow-schema-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> Workflows() => ["pull-request", "publish"];

    [Theory]
    [MemberData(nameof(Workflows))]
    public async Task Generated_workflow_is_valid_against_the_public_schema(string name)
    {
        GitHubActionsWorkflowWriter.Sync(typeof(SampleBuild), _root, isCi: false);

        var (exitCode, output) = await ActionValidator.RunAsync(Path.Combine(_root, ".github", "workflows", name + ".yml"));

        exitCode.Should().Be(0, $"action-validator must accept the generated {name}.yml; it said:\n{output}");
    }

    [Fact]
    public async Task Matrix_workflow_with_dispatch_and_several_paths_is_valid()
    {
        GitHubActionsWorkflowWriter.Sync(typeof(MatrixBuild), _root, isCi: false);

        var (exitCode, output) = await ActionValidator.RunAsync(Path.Combine(_root, ".github", "workflows", "matrix.yml"));

        exitCode.Should().Be(0, $"action-validator said:\n{output}");
    }

    [Fact]
    public async Task The_validator_can_fail_an_invalid_workflow()
    {
        var path = Path.Combine(_root, "broken.yml");
        await File.WriteAllTextAsync(path, "name: broken\non:\n  push: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n");

        var (exitCode, _) = await ActionValidator.RunAsync(path);

        exitCode.Should().NotBe(0, "a job without steps and with an unknown key is invalid, so the validator must be able to say no");
    }
}

/// <summary>Uses <c>action-validator</c> from PATH (npm install -g), else installs <c>@action-validator/cli</c> (pinned) into a cache directory.</summary>
internal static class ActionValidator
{
    private const string Package = "@action-validator/cli@0.6.0";
    private static readonly string InstallDirectory = Path.Combine(Path.GetTempPath(), "creditrobot-action-validator-0.6.0");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<(int ExitCode, string Output)> RunAsync(string workflowPath)
    {
        var executable = await EnsureInstalledAsync();
        return await NodeTools.RunAsync(executable, [workflowPath], Path.GetDirectoryName(workflowPath)!, "validate workflows");
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "action-validator")).FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        var executable = Path.Combine(InstallDirectory, "node_modules", ".bin", "action-validator");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(executable)) return executable;
            await NodeTools.InstallAsync(InstallDirectory, [Package], executable, "validate workflows");
            return executable;
        }
        finally { InstallLock.Release(); }
    }
}
